package cn.shangliang.report;

import cn.shangliang.consultation.WeeklyTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The weekly progress table as Markdown, CSV or an Excel workbook. Every column name and label comes from the
 * catalogue ({@code report_col_*}, {@code report_title}, {@code report_total}, {@code report_yes|no}), in zh or en.
 */
public final class WeeklyReportText {

    /** Excel on Chinese Windows reads a CSV without it as GBK and garbles every Chinese cell. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    /** Shown where a figure cannot be computed: no issue consulted (average days), no rating (rate). */
    private static final String NONE = "-";

    /** One column: its catalogue key and its cell of a row; {@code numeric} cells are numbers in the workbook. */
    private record Column(String key, boolean numeric, Function<WeeklyTable.Row, String> cell) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("report_col_town", false, WeeklyTable.Row::town),
            new Column("report_col_room", false, r -> ""), // rendered by label(), it needs the language
            new Column("report_col_room_since", false, WeeklyTable.Row::roomSince),
            number("report_col_activities_week", WeeklyTable.Row::activitiesThisWeek),
            number("report_col_activities_total", WeeklyTable.Row::activitiesTotal),
            number("report_col_received", WeeklyTable.Row::received),
            number("report_col_accepted", WeeklyTable.Row::accepted),
            number("report_col_consulted", WeeklyTable.Row::consulted),
            number("report_col_reported", WeeklyTable.Row::reported),
            number("report_col_closed", WeeklyTable.Row::closed),
            number("report_col_open", WeeklyTable.Row::openAtEnd),
            number("report_col_overdue", WeeklyTable.Row::overdue),
            new Column("report_col_average_days", true, r -> decimal(r.averageDaysToConsult())),
            number("report_col_ratings", WeeklyTable.Row::ratings),
            number("report_col_satisfied", WeeklyTable.Row::satisfied),
            number("report_col_unsatisfied", WeeklyTable.Row::unsatisfied),
            new Column("report_col_satisfaction_rate", false, r -> percent(r.satisfactionRate())));

    private final Catalogue catalogue;

    public WeeklyReportText(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public List<String> columns(String language) {
        return COLUMNS.stream().map(c -> text(c.key(), language)).toList();
    }

    /** One line per town, then the total row; every cell filled. */
    public List<List<String>> cells(WeeklyTable.Table table, String language) {
        List<List<String>> rows = new ArrayList<>();
        for (WeeklyTable.Row r : table.rows()) {
            rows.add(cells(r, text(r.roomInPlace() ? "report_yes" : "report_no", language)));
        }
        long withRoom =
                table.rows().stream().filter(WeeklyTable.Row::roomInPlace).count();
        List<String> total = new ArrayList<>(
                cells(table.total(), withRoom + "/" + table.rows().size()));
        total.set(0, text("report_total", language));
        rows.add(List.copyOf(total));
        return rows;
    }

    private static List<String> cells(WeeklyTable.Row row, String room) {
        List<String> out = new ArrayList<>();
        for (Column c : COLUMNS) {
            out.add(c.key().equals("report_col_room") ? room : c.cell().apply(row));
        }
        return out;
    }

    public String title(WeeklyTable.Table table, String language) {
        return catalogue.render(
                "report_title",
                language,
                Map.of(
                        "week", table.week().toString(),
                        "from", table.from().toString(),
                        "to", table.to().toString()));
    }

    public String markdown(WeeklyTable.Table table, String language) {
        StringBuilder out = new StringBuilder();
        out.append(title(table, language)).append("\n\n");
        List<String> columns = columns(language);
        out.append("| ").append(String.join(" | ", columns)).append(" |\n");
        out.append("|").append("---|".repeat(columns.size())).append("\n");
        for (List<String> row : cells(table, language)) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    /** CSV (RFC 4180, CRLF) starting with a UTF-8 byte-order mark so that Excel reads it as UTF-8. */
    public String csv(WeeklyTable.Table table, String language) {
        StringBuilder out = new StringBuilder(BYTE_ORDER_MARK);
        out.append(csvLine(columns(language)));
        for (List<String> row : cells(table, language)) {
            out.append(csvLine(row));
        }
        return out.toString();
    }

    public byte[] csvBytes(WeeklyTable.Table table, String language) {
        return csv(table, language).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The table as an Excel workbook (opens in Excel and WPS): a title row, a bold header row, one row per town and a
     * total row; counts and average days are numeric cells.
     */
    public byte[] xlsx(WeeklyTable.Table table, String language) {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = book.createSheet(table.week().toString());
            var bold = book.createFont();
            bold.setBold(true);
            var headerStyle = book.createCellStyle();
            headerStyle.setFont(bold);
            sheet.createRow(0).createCell(0).setCellValue(title(table, language));
            List<String> columns = columns(language);
            var header = sheet.createRow(1);
            for (int c = 0; c < columns.size(); c++) {
                var cell = header.createCell(c);
                cell.setCellValue(columns.get(c));
                cell.setCellStyle(headerStyle);
            }
            List<List<String>> rows = cells(table, language);
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r + 2);
                List<String> values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    String v = values.get(c);
                    var cell = row.createCell(c);
                    if (COLUMNS.get(c).numeric() && !v.equals(NONE)) {
                        cell.setCellValue(Double.parseDouble(v));
                    } else {
                        cell.setCellValue(v);
                    }
                }
            }
            for (int c = 0; c < columns.size(); c++) {
                sheet.setColumnWidth(c, 14 * 256);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the weekly workbook", e);
        }
    }

    private String text(String key, String language) {
        return catalogue.render(key, language, Map.of());
    }

    private static Column number(String key, java.util.function.ToIntFunction<WeeklyTable.Row> value) {
        return new Column(key, true, r -> Integer.toString(value.applyAsInt(r)));
    }

    private static String decimal(Optional<Double> value) {
        return value.map(String::valueOf).orElse(NONE);
    }

    private static String percent(Optional<Double> value) {
        return value.map(v -> v + "%").orElse(NONE);
    }

    private static String csvLine(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String c : cells) {
            boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
            quoted.add(quote ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return String.join(",", quoted) + "\r\n";
    }
}
