package cn.shangliang.dialogue.entities;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A date expression resolved against today: the days it covers, and the part of the day or the clock time when one was
 * said ("下周三下午", "两点半").
 */
public record DateSpan(LocalDate from, LocalDate to, Optional<DayPart> part, Optional<java.time.LocalTime> time) {

    public DateSpan {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("date span ends before it starts: " + from + ".." + to);
        }
    }

    public static DateSpan day(LocalDate day) {
        return new DateSpan(day, day, Optional.empty(), Optional.empty());
    }

    public boolean singleDay() {
        return from.equals(to);
    }
}
