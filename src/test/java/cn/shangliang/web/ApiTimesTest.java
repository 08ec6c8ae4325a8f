package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shangliang.testing.Gen;
import cn.shangliang.testing.Properties;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class ApiTimesTest {

    @Test
    void parse_theYearsAtTheEndsOfOffsetDateTime_areRefusedAsBadTimes() {
        assertThatThrownBy(() -> ApiTimes.parse("-999999999-01-01T00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> ApiTimes.parse("+999999999-12-31T00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThat(ApiTimes.parse("2026-12-07T10:00:00+08:00"))
                .isEqualTo(OffsetDateTime.parse("2026-12-07T10:00:00+08:00"));
    }

    /**
     * Any text: a time inside 1970–9999 or a DateTimeParseException (which the API answers with 400 bad_times),
     * never another exception (which would be a 500), and an accepted time converts to epoch milliseconds.
     */
    @Test
    void parse_anyText_givesAStorableTimeOrABadTimesRefusal() {
        Properties.forAll(times(), 1000, text -> {
            try {
                OffsetDateTime t = ApiTimes.parse(text);
                assertThat(t.toInstant().toEpochMilli()).isNotNegative();
                assertThat(t.toInstant().plusSeconds(7 * 24 * 3600).toEpochMilli())
                        .isPositive();
            } catch (DateTimeParseException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        });
    }

    private static Gen<String> times() {
        Gen<String> year = Gen.oneOf(
                Gen.ints(-999_999_999, 999_999_999).map(y -> (y > 9999 ? "+" : "") + y),
                Gen.ints(1960, 10_010).map(Object::toString));
        Gen<Integer> months = Gen.ints(0, 13);
        Gen<Integer> days = Gen.ints(0, 32);
        Gen<String> offset = Gen.of("Z", "+08:00", "-18:00", "+18:00", "+19:00", "");
        Gen<String> formatted =
                r -> String.format("%s-%02d-%02dT00:00%s", year.next(r), months.next(r), days.next(r), offset.next(r));
        return Gen.oneOf(formatted, Gen.strings(30));
    }
}
