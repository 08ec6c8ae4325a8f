package cn.shangliang.web;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Times the API accepts: ISO-8601 with an offset, between the years 1970 and 9999. Beyond that the stores' epoch
 * milliseconds and the calendar arithmetic overflow, so such a value is refused at the door like a malformed one.
 */
final class ApiTimes {

    static final OffsetDateTime EARLIEST = OffsetDateTime.parse("1970-01-01T00:00:00Z");
    static final OffsetDateTime LATEST = OffsetDateTime.parse("9999-12-31T23:59:59Z");

    private ApiTimes() {}

    /**
     * Parses {@code text}.
     *
     * @throws DateTimeParseException when it is not ISO-8601 with an offset or lies outside 1970–9999
     */
    static OffsetDateTime parse(String text) {
        OffsetDateTime t = OffsetDateTime.parse(text);
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw new DateTimeParseException("outside 1970-01-01 … 9999-12-31: " + text, text, 0);
        }
        return t;
    }
}
