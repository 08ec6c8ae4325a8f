package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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
    @Property(tries = 1000)
    void parse_anyText_givesAStorableTimeOrABadTimesRefusal(@ForAll("times") String text) {
        try {
            OffsetDateTime t = ApiTimes.parse(text);
            assertThat(t.toInstant().toEpochMilli()).isNotNegative();
            assertThat(t.toInstant().plusSeconds(7 * 24 * 3600).toEpochMilli()).isPositive();
        } catch (DateTimeParseException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> times() {
        Arbitrary<String> year = Arbitraries.oneOf(
                Arbitraries.integers().between(-999_999_999, 999_999_999).map(y -> (y > 9999 ? "+" : "") + y),
                Arbitraries.integers().between(1960, 10_010).map(Object::toString));
        Arbitrary<String> offset = Arbitraries.of("Z", "+08:00", "-18:00", "+18:00", "+19:00", "");
        return Arbitraries.oneOf(
                Combinators.combine(
                                year,
                                Arbitraries.integers().between(0, 13),
                                Arbitraries.integers().between(0, 32),
                                offset)
                        .as((y, m, d, o) -> String.format("%s-%02d-%02dT00:00%s", y, m, d, o)),
                Arbitraries.strings().ofMaxLength(30));
    }
}
