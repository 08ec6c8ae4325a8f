package cn.shangliang.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {

    private static final OpeningHours WEEKDAYS = MeetingFixtures.QY_TOWN.hours();
    private static final LocalDate WEDNESDAY = LocalDate.of(2026, 12, 2);
    private static final LocalDate SATURDAY = LocalDate.of(2026, 12, 5);

    @Test
    void covers_insideOneRange_only() {
        assertThat(WEEKDAYS.covers(WEDNESDAY.atTime(9, 0), WEDNESDAY.atTime(12, 0)))
                .isTrue();
        assertThat(WEEKDAYS.covers(WEDNESDAY.atTime(8, 0), WEDNESDAY.atTime(9, 0)))
                .isFalse();
        assertThat(WEEKDAYS.covers(WEDNESDAY.atTime(11, 0), WEDNESDAY.atTime(14, 0)))
                .isFalse();
        assertThat(WEEKDAYS.covers(SATURDAY.atTime(9, 0), SATURDAY.atTime(10, 0)))
                .isFalse();
    }

    @Test
    void covers_overMidnight_isFalse() {
        LocalDateTime late = WEDNESDAY.atTime(16, 0);
        assertThat(WEEKDAYS.covers(late, late.plusHours(9))).isFalse();
    }

    @Test
    void openOnAndDuring_followTheRanges() {
        assertThat(WEEKDAYS.openOn(WEDNESDAY)).isTrue();
        assertThat(WEEKDAYS.openOn(SATURDAY)).isFalse();
        assertThat(WEEKDAYS.openDuring(WEDNESDAY, LocalTime.of(18, 0), LocalTime.MAX))
                .isFalse();
        assertThat(WEEKDAYS.openDuring(WEDNESDAY, LocalTime.of(12, 0), LocalTime.of(18, 0)))
                .isTrue();
    }

    @Test
    void always_coversAnything() {
        OpeningHours always = OpeningHours.always("随时");
        assertThat(always.covers(SATURDAY.atTime(3, 0), SATURDAY.atTime(4, 0))).isTrue();
        assertThat(always.openOn(SATURDAY)).isTrue();
    }

    @Test
    void range_withoutDaysOrBackwards_isRejected() {
        assertThatThrownBy(() -> new OpeningHours.Range(Set.of(), LocalTime.of(8, 0), LocalTime.of(9, 0)))
                .hasMessageContaining("day");
        assertThatThrownBy(
                        () -> new OpeningHours.Range(Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0), LocalTime.of(8, 0)))
                .hasMessageContaining("09:00-08:00");
        assertThat(new OpeningHours("", null).ranges()).isEqualTo(List.of());
    }
}
