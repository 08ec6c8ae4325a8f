package cn.shangliang.dialogue.entities;

import cn.shangliang.consultation.Place;
import java.util.Optional;

/**
 * What a message names: a place, a tracking number, a 6-digit binding code, a date or time. Each is empty when the
 * message does not name one.
 */
public record Entities(
        Optional<Place> place, Optional<String> trackingNo, Optional<String> bindingCode, Optional<DateSpan> date) {}
