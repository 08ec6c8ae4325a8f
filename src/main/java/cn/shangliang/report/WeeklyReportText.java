package cn.shangliang.dialogue;

import cn.shangliang.consultation.WeeklyTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The weekly progress table as Markdown or CSV, with column names from the reply catalogue. */
public final class WeeklyReportText {

    private final Responses responses;

    public WeeklyReportText(Responses responses) {
        this.responses = responses;
    }

    public List<String> columns(String language) {
        return List.of(responses.render("report_columns", language, Map.of()).split("\\|"));
    }

    public List<List<String>> cells(WeeklyTable.Table table, String language) {
        List<List<String>> rows = new ArrayList<>();
        int[] totals = new int[9];
        for (WeeklyTable.Row r : table.rows()) {
            int[] n = {
                r.activitiesThisWeek(),
                r.activitiesTotal(),
                r.received(),
                r.accepted(),
                r.consulted(),
                r.closed(),
                r.openAtEnd(),
                r.ratings(),
                r.satisfied()
            };
            for (int i = 0; i < n.length; i++) {
                totals[i] += n[i];
            }
            rows.add(List.of(
                    r.town(),
                    responses.render(r.roomInPlace() ? "report_yes" : "report_no", language, Map.of()),
                    r.roomSince(),
                    Integer.toString(n[0]),
                    Integer.toString(n[1]),
                    Integer.toString(n[2]),
                    Integer.toString(n[3]),
                    Integer.toString(n[4]),
                    Integer.toString(n[5]),
                    Integer.toString(n[6]),
                    r.averageDaysToConsult().map(String::valueOf).orElse("-"),
                    Integer.toString(n[7]),
                    Integer.toString(n[8])));
        }
        List<String> total = new ArrayList<>(List.of(responses.render("report_total", language, Map.of()), "", ""));
        for (int i = 0; i < 7; i++) {
            total.add(Integer.toString(totals[i]));
        }
        total.add("-");
        total.add(Integer.toString(totals[7]));
        total.add(Integer.toString(totals[8]));
        rows.add(total);
        return rows;
    }

    public String markdown(WeeklyTable.Table table, String language) {
        StringBuilder out = new StringBuilder();
        out.append(responses.render(
                        "report_title",
                        language,
                        Map.of(
                                "week",
                                table.week(),
                                "from",
                                table.from().toString(),
                                "to",
                                table.to().toString())))
                .append("\n\n");
        List<String> columns = columns(language);
        out.append("| ").append(String.join(" | ", columns)).append(" |\n");
        out.append("|").append("---|".repeat(columns.size())).append("\n");
        for (List<String> row : cells(table, language)) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    public String csv(WeeklyTable.Table table, String language) {
        StringBuilder out = new StringBuilder();
        out.append(csvLine(columns(language)));
        for (List<String> row : cells(table, language)) {
            out.append(csvLine(row));
        }
        return out.toString();
    }

    /**
     * The table as an Excel workbook (opens in Excel and WPS): a title row, a bold header row, one row per town and a
     * total row; numbers are numeric cells.
     */
    public byte[] xlsx(WeeklyTable.Table table, String language) {
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            var sheet = book.createSheet(table.week());
            var bold = book.createFont();
            bold.setBold(true);
            var headerStyle = book.createCellStyle();
            headerStyle.setFont(bold);
            sheet.createRow(0)
                    .createCell(0)
                    .setCellValue(responses.render(
                            "report_title",
                            language,
                            Map.of(
                                    "week", table.week(),
                                    "from", table.from().toString(),
                                    "to", table.to().toString())));
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
                    if (c >= 3 && v.matches("-?\\d+(\\.\\d+)?")) {
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
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the weekly workbook", e);
        }
    }

    private static String csvLine(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String c : cells) {
            quoted.add(c.contains(",") || c.contains("\"") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return String.join(",", quoted) + "\r\n";
    }
}
