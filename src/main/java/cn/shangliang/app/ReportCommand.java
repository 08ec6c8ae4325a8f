package cn.shangliang.app;

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

    @Option(names = "--format", paramLabel = "md|csv", description = "output format (default: ${DEFAULT-VALUE})")
    String format = "md";

    @Option(names = "--lang", paramLabel = "zh|en", description = "column names (default: ${DEFAULT-VALUE})")
    String language = "zh";

    @Override
    public Integer call() {
        if (!"weekly".equals(report)) {
            System.err.println("shangliang report: unknown report '" + report + "' (known: weekly)");
            return 2;
        }
        if (!format.equals("md") && !format.equals("csv")) {
            System.err.println("shangliang report: --format must be md or csv (xlsx is not available yet)");
            return 2;
        }
        AppConfig cfg = config.load();
        String isoWeek = week == null ? WeeklyTable.isoWeek(LocalDate.now(cfg.zoneId())) : week;
        try {
            WeeklyTable.monday(isoWeek);
        } catch (IllegalArgumentException e) {
            System.err.println("shangliang report: " + e.getMessage());
            return 2;
        }
        try (Application app = Application.command(cfg)) {
            WeeklyTable.Table table = app.weeklyTable(isoWeek);
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.print(
                    format.equals("csv")
                            ? app.weeklyText().csv(table, language)
                            : app.weeklyText().markdown(table, language));
        }
        return 0;
    }
}
