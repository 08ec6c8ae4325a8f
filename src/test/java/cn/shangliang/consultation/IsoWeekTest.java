package cn.shangliang.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IsoWeekTest {

    @Test
    void parse_validWeek_givesMondayToSunday() {
        IsoWeek w = IsoWeek.parse("2026-W48");
        assertThat(w.monday()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(w.sunday()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(w).hasToString("2026-W48");
        assertThat(IsoWeek.parse("2027-W01").monday()).isEqualTo(LocalDate.of(2027, 1, 4));
    }

    @Test
    void of_day_givesItsWeek_andPreviousCrossesTheYear() {
        assertThat(IsoWeek.of(LocalDate.of(2026, 11, 26))).hasToString("2026-W48");
        assertThat(IsoWeek.parse("2027-W01").previous()).hasToString("2026-W53");
    }

    @Test
    void parse_week53OfA53WeekYear_isAccepted() {
        assertThat(IsoWeek.parse("2026-W53").monday()).isEqualTo(LocalDate.of(2026, 12, 28));
    }

    @Test
    void parse_weekThatDoesNotExist_isRefusedNamingTheValue() {
        assertThatThrownBy(() -> IsoWeek.parse("2026-W60"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-W60")
                .hasMessageContaining("53");
        assertThatThrownBy(() -> IsoWeek.parse("2027-W53")).hasMessageContaining("2027-W53");
        assertThatThrownBy(() -> IsoWeek.parse("2026-W00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-W00");
    }

    @Test
    void parse_notAWeek_isRefusedNamingTheValue() {
        assertThatThrownBy(() -> IsoWeek.parse("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'abc'");
        assertThatThrownBy(() -> IsoWeek.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
