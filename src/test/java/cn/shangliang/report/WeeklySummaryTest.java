package cn.shangliang.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.consultation.IsoWeek;
import cn.shangliang.consultation.WeeklyTable;
import cn.shangliang.dialogue.Responses;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeeklySummaryTest {

    private static final Responses RESPONSES = Responses.load(Path.of("intents/responses.yml"), new Random(1));
    private final WeeklySummary summary = new WeeklySummary(RESPONSES::render);

    private static WeeklyTable.Row row(String town, int received) {
        return new WeeklyTable.Row(
                town, true, "", 1, 2, received, 0, 0, 1, 0, 3, 2, Optional.empty(), 4, 3, 1, Optional.of(75.0));
    }

    private static WeeklyTable.Table table(WeeklyTable.Row... rows) {
        return new WeeklyTable.Table(
                IsoWeek.parse("2026-W49"),
                LocalDate.of(2026, 11, 30),
                LocalDate.of(2026, 12, 6),
                List.of(rows),
                row("", 5));
    }

    @Test
    void text_namesTheTotalsAndTheTownThatReceivedMost() {
        String text = summary.text(table(row("青阳镇", 2), row("璜土镇", 3)), "zh");

        assertThat(text)
                .contains("2026-W49")
                .contains("上报 1 件")
                .contains("超期 2 件")
                .contains("不满意 1 件");
        assertThat(text).contains("75.0%").contains("收到最多的是璜土镇（3 件）");
    }

    @Test
    void text_nothingReceived_leavesTheBusiestLineOut() {
        String text = summary.text(table(row("青阳镇", 0), row("璜土镇", 0)), "en");

        assertThat(text).contains("Weekly progress 2026-W49").doesNotContain("Most received");
    }
}
