package cn.shangliang.dialogue.entities;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.testing.Gen;
import cn.shangliang.testing.Properties;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChineseDatesTest {

    /** A Thursday. */
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    private static DateSpan find(String text) {
        return ChineseDates.find(text, TODAY).orElseThrow(() -> new AssertionError("no date in " + text));
    }

    @Test
    void relativeDays() {
        assertThat(find("今天议事室有会吗").from()).isEqualTo(TODAY);
        assertThat(find("明天下午议事室有空吗").from()).isEqualTo(TODAY.plusDays(1));
        assertThat(find("明天下午议事室有空吗").part()).contains(DayPart.AFTERNOON);
        assertThat(find("后天呢").from()).isEqualTo(TODAY.plusDays(2));
        assertThat(find("大后天呢").from()).isEqualTo(TODAY.plusDays(3));
    }

    @Test
    void weeks() {
        DateSpan thisWeek = find("青阳镇议事室本周安排");
        assertThat(thisWeek.from()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(thisWeek.to()).isEqualTo(LocalDate.of(2026, 11, 29));
        DateSpan nextWeek = find("下周的协商会");
        assertThat(nextWeek.from()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(nextWeek.to()).isEqualTo(LocalDate.of(2026, 12, 6));
    }

    @Test
    void weekdays() {
        assertThat(find("下周三").from()).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(find("下星期三开会").from()).isEqualTo(LocalDate.of(2026, 12, 2));
        DateSpan friday = find("周五下午有安排吗");
        assertThat(friday.from()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(friday.part()).contains(DayPart.AFTERNOON);
        assertThat(find("周二").from()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(find("这周二").from()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(find("礼拜天").from()).isEqualTo(LocalDate.of(2026, 11, 29));
    }

    @Test
    void calendarDates() {
        assertThat(find("11月28日议事室有会吗").from()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(find("十一月二十八号").from()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(find("28号有空吗").from()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(find("3号呢").from()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(find("1月5日").from()).isEqualTo(LocalDate.of(2027, 1, 5));
    }

    @Test
    void clockTimes() {
        assertThat(find("下午两点半").time()).contains(LocalTime.of(14, 30));
        assertThat(find("明天上午9点").time()).contains(LocalTime.of(9, 0));
        assertThat(find("晚上7点一刻").time()).contains(LocalTime.of(19, 15));
        assertThat(find("15:30开会").time()).contains(LocalTime.of(15, 30));
        assertThat(find("三点十分").time()).contains(LocalTime.of(3, 10));
    }

    @Test
    void noDate_isEmpty() {
        assertThat(ChineseDates.find("路灯坏了", TODAY)).isEmpty();
        assertThat(ChineseDates.find("", TODAY)).isEqualTo(Optional.empty());
        assertThat(ChineseDates.find("QY-20261126-0042", TODAY)).isEmpty();
    }

    @Test
    void chineseNumerals() {
        assertThat(ChineseDates.number("二十八")).isEqualTo(28);
        assertThat(ChineseDates.number("十一")).isEqualTo(11);
        assertThat(ChineseDates.number("两")).isEqualTo(2);
        assertThat(ChineseDates.number("三十")).isEqualTo(30);
        assertThat(ChineseDates.number("九")).isEqualTo(9);
        assertThat(ChineseDates.number("x")).isEqualTo(-1);
    }

    /** Any text on any day: a date span or nothing, never an exception (a bad date in chat must not fail the turn). */
    @Test
    void find_anyTextOnAnyDay_neverThrows() {
        record Case(String text, LocalDate today) {}
        Gen<String> texts = dateTexts();
        Gen<LocalDate> days = days();
        Properties.forAll(r -> new Case(texts.next(r), days.next(r)), 1000, c -> {
            Optional<DateSpan> span = ChineseDates.find(c.text(), c.today());
            span.ifPresent(s -> assertThat(s.from()).isNotNull());
        });
    }

    private static Gen<String> dateTexts() {
        Gen<String> number = Gen.oneOf(
                Gen.ints().map(Object::toString),
                Gen.longs().map(Object::toString),
                Gen.of("零", "一", "二", "十", "十一", "二十八", "三十二", "九十九", "两", "百", "〇"));
        Gen<String> unit = Gen.of(
                "年", "月", "日", "号", "点", "时", "分", "半", "周", "星期", "礼拜", "天后", "天前", "个月后", "下周", "上午", "下午", "晚上", ":",
                "：", "-", "/", "后天", "明天", "今天");
        Gen<String> piece = Gen.oneOf(number, unit, Gen.strings(3));
        return piece.list(10).map(l -> String.join("", l));
    }

    private static Gen<LocalDate> days() {
        return Gen.oneOf(
                Gen.longs(
                                LocalDate.of(1970, 1, 1).toEpochDay(),
                                LocalDate.of(2200, 1, 1).toEpochDay())
                        .map(LocalDate::ofEpochDay),
                Gen.of(LocalDate.MIN.plusYears(1), LocalDate.MAX.minusYears(1)));
    }
}
