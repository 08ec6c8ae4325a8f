package cn.shangliang.dialogue;

import java.util.Map;

/**
 * One reply to say: a catalogue key and its slots. Slot values that are catalogue keys (statuses, levels, refusal
 * reasons) are rendered in the reader's language ({@link Responses#renderNested}).
 */
public record Say(String key, Map<String, String> slots) {

    public Say {
        slots = Map.copyOf(slots);
    }

    public Say(String key) {
        this(key, Map.of());
    }
}
