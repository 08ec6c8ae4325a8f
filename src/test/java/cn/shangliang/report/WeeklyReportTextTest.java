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

class WeeklyReportTextTest {

    private static final Responses RESPONSES = Responses.load(Path.of("intents/responses.yml"), new Random(1));
    private final WeeklyReportText text = new WeeklyReportText(RESPONSES::render);

    private static WeeklyTable.Row row(String town, Optional<Double> days, Optional<Double> rate) {
        return new WeeklyTable.Row(town, true, "2025-06-01", 1, 2, 3, 2, 1, 1, 1, 4, 1, days, 2, 1, 1, rate);
    }

    private static WeeklyTable.Table table() {
        return new WeeklyTable.Table(
                IsoWeek.parse("2026-W49"),
                LocalDate.of(2026, 11, 30),
                LocalDate.of(2026, 12, 6),
                List.of(
                        row("青阳镇", Optional.of(0.0), Optional.of(50.0)),
                        row("璜土镇", Optional.empty(), Optional.empty())),
                row("", Optional.of(0.0), Optional.of(50.0)));
    }

    @Test
    void csv_startsWithAByteOrderMark_andHasEveryColumnInBothLanguages() {
        String zh = text.csv(table(), "zh");
        String en = text.csv(table(), "en");

        assertThat(zh).startsWith("\uFEFF镇（街道）,议事室,启用日期,");
        assertThat(zh.lines().findFirst().orElseThrow()).contains("本周上报", "超期未办", "不满意数", "满意率");
        assertThat(en.lines().findFirst().orElseThrow())
                .contains("Reported", "Overdue", "Unsatisfied", "Satisfaction rate");
        assertThat(text.columns("zh")).hasSameSizeAs(text.columns("en")).hasSize(17);
    }

    @Test
    void cells_totalRow_hasNoGaps_andZeroDaysStayZero() {
        List<List<String>> cells = text.cells(table(), "zh");

        assertThat(cells.get(0)).containsSubsequence("0.0", "50.0%");
        assertThat(cells.get(1)).contains("-"); // nothing consulted, no ratings: no figure to show
        assertThat(cells.get(2).get(0)).isEqualTo("合计");
        assertThat(cells.get(2).get(1)).isEqualTo("2/2");
        assertThat(cells.get(2)).doesNotContain("-", "").contains("0.0");
    }

    @Test
    void xlsx_countsAreNumbers_andTheTotalRowIsLast() throws Exception {
        byte[] bytes = text.xlsx(table(), "en");

        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(bytes))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("2026-W49");
            assertThat(sheet.getRow(1).getCell(8).getStringCellValue()).isEqualTo("Reported");
            assertThat(sheet.getRow(2).getCell(11).getNumericCellValue()).isEqualTo(1.0); // overdue
            assertThat(sheet.getRow(2).getCell(12).getNumericCellValue()).isEqualTo(0.0); // average days
            assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("Total");
        }
    }
}
