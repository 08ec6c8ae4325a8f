package cn.shangliang.consultation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When a room is open: ranges of days of the week with a from and a to time (several ranges for a lunch break or a
 * Saturday morning), and the text shown to people. No ranges means no hours were configured: always open.
 */
public record OpeningHours(String text, List<Range> ranges) {

    /** Open on {@code days} from {@code from} to {@code to} (the same day; {@code from} before {@code to}). */
    public record Range(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
        public Range {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (days == null || days.isEmpty()) {
                throw new IllegalArgumentException("an opening range needs at least one day");
            }
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException(
                        "an opening range must end after it starts (" + from + "-" + to + ")");
            }
            days = Set.copyOf(EnumSet.copyOf(days));
        }
    }

    public OpeningHours {
        text = text == null ? "" : text;
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
    }

    /** No configured hours: the room is always open; {@code text} is still shown. */
    public static OpeningHours always(String text) {
        return new OpeningHours(text, List.of());
    }

    public boolean alwaysOpen() {
        return ranges.isEmpty();
    }

    /** Whether a meeting from {@code start} to {@code end} (local times of the room) fits in one opening range. */
    public boolean covers(LocalDateTime start, LocalDateTime end) {
        if (alwaysOpen()) {
            return true;
        }
        if (!start.toLocalDate().equals(end.toLocalDate())) {
            return false;
        }
        return ranges.stream()
                .anyMatch(r -> r.days().contains(start.getDayOfWeek())
                        && !start.toLocalTime().isBefore(r.from())
                        && !end.toLocalTime().isAfter(r.to()));
    }

    /** Whether the room opens at all on {@code day}. */
    public boolean openOn(LocalDate day) {
        return alwaysOpen() || ranges.stream().anyMatch(r -> r.days().contains(day.getDayOfWeek()));
    }

    /** Whether the room is open at some time between {@code from} and {@code to} of {@code day}. */
    public boolean openDuring(LocalDate day, LocalTime from, LocalTime to) {
        return alwaysOpen()
                || ranges.stream()
                        .anyMatch(r -> r.days().contains(day.getDayOfWeek())
                                && r.from().isBefore(to)
                                && from.isBefore(r.to()));
    }
}
