package cn.shangliang.app;

import cn.shangliang.consultation.IsoWeek;
import cn.shangliang.consultation.WeeklyTable;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shangliang report weekly --week 2026-W48 --format md|csv}: the weekly progress table on stdout. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Print a report. Reports: weekly (the weekly progress table, one row per town).")
public final class ReportCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config = new ConfigOption();

    @Parameters(paramLabel = "REPORT", description = "weekly")
    String report;

    @Option(names = "--week", paramLabel = "YYYY-Www", description = "ISO week, e.g. 2026-W48 (default: this week)")
    String week;

    @Option(names = "--format", paramLabel = "md|csv|xlsx", description = "output format (default: ${DEFAULT-VALUE})")
    String format = "md";

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "write to this file (required for xlsx; default for md and csv: standard output)")
    java.nio.file.Path out;

    @Option(names = "--lang", paramLabel = "zh|en", description = "column names (default: ${DEFAULT-VALUE})")
    String language = "zh";

    @Override
    public Integer call() {
        if (!"weekly".equals(report)) {
            System.err.println("shangliang report: unknown report '" + report + "' (known: weekly)");
            return 2;
        }
        if (!format.equals("md") && !format.equals("csv") && !format.equals("xlsx")) {
            System.err.println("shangliang report: --format must be md, csv or xlsx");
            return 2;
        }
        if (format.equals("xlsx") && out == null) {
            System.err.println("shangliang report: --format xlsx needs --out FILE");
            return 2;
        }
        if (!language.equals("zh") && !language.equals("en")) {
            System.err.println("shangliang report: --lang must be zh or en (was '" + language + "')");
            return 2;
        }
        AppConfig cfg = config.load();
        IsoWeek isoWeek;
        try {
            isoWeek = week == null ? IsoWeek.of(LocalDate.now(cfg.zoneId())) : IsoWeek.parse(week);
        } catch (IllegalArgumentException e) {
            System.err.println("shangliang report: " + e.getMessage());
            return 2;
        }
        try (Application app = Application.command(cfg)) {
            WeeklyTable.Table table = app.reports().cityWide(isoWeek);
            var text = app.reports().text();
            byte[] bytes = switch (format) {
                case "xlsx" -> text.xlsx(table, language);
                case "csv" -> text.csvBytes(table, language);
                default -> text.markdown(table, language).getBytes(StandardCharsets.UTF_8);
            };
            if (out != null) {
                java.nio.file.Files.write(out, bytes);
            } else {
                PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
                stdout.write(bytes, 0, bytes.length);
                stdout.flush();
            }
        } catch (java.io.IOException e) {
            System.err.println("shangliang report: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
