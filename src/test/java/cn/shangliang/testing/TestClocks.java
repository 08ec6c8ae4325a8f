package cn.shangliang.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Clocks for tests of the whole server: time runs on (pipeline leases and rate limits work) from a fixed start. */
public final class TestClocks {

    private TestClocks() {}

    /** A running clock that reads {@code start} now (e.g. "2026-12-01T09:00:00+08:00", a Tuesday morning). */
    public static Clock runningFrom(String start) {
        Instant at = java.time.OffsetDateTime.parse(start).toInstant();
        return Clock.offset(Clock.system(ZoneId.of("Asia/Shanghai")), Duration.between(Instant.now(), at));
    }
}
