package cn.shangliang.dialogue.entities;

import java.time.LocalTime;

/** The parts of a day people name: 上午, 中午, 下午, 晚上. */
public enum DayPart {
    MORNING(LocalTime.of(6, 0), LocalTime.of(12, 0)),
    NOON(LocalTime.of(11, 0), LocalTime.of(13, 30)),
    AFTERNOON(LocalTime.of(12, 0), LocalTime.of(18, 0)),
    EVENING(LocalTime.of(18, 0), LocalTime.of(23, 59));

    private final LocalTime from;
    private final LocalTime to;

    DayPart(LocalTime from, LocalTime to) {
        this.from = from;
        this.to = to;
    }

    public LocalTime from() {
        return from;
    }

    public LocalTime to() {
        return to;
    }
}
