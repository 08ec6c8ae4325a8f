package cn.shangliang.web;

import cn.shangliang.consultation.Access;
import cn.shangliang.consultation.IsoWeek;
import cn.shangliang.consultation.Staff;
import cn.shangliang.consultation.WeeklyTable;
import cn.shangliang.report.WeeklyReports;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code GET /api/reports/weekly?week=2026-W48&format=json|csv|md|xlsx&lang=zh|en}: the weekly progress table. With a
 * bearer token the rows are those the caller may see ({@link Access#townFigures}); with a valid signed link
 * ({@code expires} and {@code sig}, made for the leadership office) or the leadership office's own token the city-wide
 * table. A bad week or
 * format is a 400 naming the value.
 */
final class WeeklyReportApi {

    private static final Set<String> FORMATS = Set.of("json", "csv", "md", "xlsx");

    private final WeeklyReports reports;
    private final Access access;
    private final BearerTokens bearer;
    private final Clock clock;

    WeeklyReportApi(WeeklyReports reports, Access access, BearerTokens bearer, Clock clock) {
        this.reports = reports;
        this.access = access;
        this.bearer = bearer;
        this.clock = clock;
    }

    void routes(JavalinConfig config) {
        config.routes.get("/api/reports/weekly", this::weekly);
        config.routes.get("/api/reports/weekly/series", this::series);
    }

    /**
     * The totals of the last {@code weeks} weeks (1–26, default 12) up to {@code to} (default this week), oldest first,
     * over the towns the caller may see: what the console's line chart draws.
     */
    private void series(Context ctx) {
        Optional<Staff> staff = bearer.caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        IsoWeek last;
        int count;
        try {
            last = IsoWeek.parse(Optional.ofNullable(ctx.queryParam("to"))
                    .orElseGet(() -> IsoWeek.of(LocalDate.now(clock)).toString()));
            count = Integer.parseInt(
                    Optional.ofNullable(ctx.queryParam("weeks")).orElse("12"));
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", "to must be an ISO week like 2026-W48 and weeks a number"));
            return;
        }
        if (count < 1 || count > 26) {
            ctx.status(400).json(Map.of("error", "weeks must be between 1 and 26"));
            return;
        }
        java.util.Deque<IsoWeek> weeks = new java.util.ArrayDeque<>();
        for (IsoWeek w = last; weeks.size() < count; w = w.previous()) {
            weeks.addFirst(w);
        }
        Predicate<String> shown = town -> access.townFigures(staff.get(), town);
        ctx.json(Map.of(
                "weeks",
                weeks.stream()
                        .map(w -> {
                            Map<String, Object> v = new LinkedHashMap<>();
                            v.put("week", w.toString());
                            v.put("total", row(reports.table(w, shown).total()));
                            return v;
                        })
                        .toList()));
    }

    private void weekly(Context ctx) {
        Optional<Predicate<String>> shown = reader(ctx);
        if (shown.isEmpty()) {
            return;
        }
        String weekText = Optional.ofNullable(ctx.queryParam("week"))
                .orElseGet(() -> IsoWeek.of(LocalDate.now(clock)).toString());
        IsoWeek week;
        try {
            week = IsoWeek.parse(weekText);
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        }
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("json");
        if (!FORMATS.contains(format)) {
            ctx.status(400).json(Map.of("error", "format '" + format + "' is not one of json, csv, md, xlsx"));
            return;
        }
        String language = "en".equals(ctx.queryParam("lang")) ? "en" : "zh";
        render(ctx, reports.table(week, shown.get()), format, language);
    }

    /**
     * Which towns the reader may see: a signed link's reader every town, a staff member the towns {@link Access}
     * grants; empty after answering 401 or 403.
     */
    private Optional<Predicate<String>> reader(Context ctx) {
        if (ctx.queryParam("sig") != null) {
            boolean valid = reports.links()
                    .valid(
                            ctx.queryParam("week"),
                            ctx.queryParam("format"),
                            ctx.queryParam("lang"),
                            ctx.queryParam("expires"),
                            ctx.queryParam("sig"));
            if (!valid) {
                ctx.status(403).json(Map.of("error", "the report link is invalid or has expired; ask for a new one"));
                return Optional.empty();
            }
            return Optional.of(town -> true);
        }
        String header = ctx.header("Authorization");
        if (header != null
                && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && reports.links().readerToken(header.substring(7).strip())) {
            return Optional.of(town -> true); // the leadership office's token: the city-wide table, as its links give
        }
        Optional<Staff> staff = bearer.caller(ctx);
        return staff.map(s -> town -> access.townFigures(s, town));
    }

    private void render(Context ctx, WeeklyTable.Table table, String format, String language) {
        var text = reports.text();
        switch (format) {
            case "csv" ->
                ctx.contentType("text/csv; charset=utf-8")
                        .header("Content-Disposition", attachment(table, "csv"))
                        .result(text.csvBytes(table, language));
            case "md" -> ctx.contentType("text/markdown; charset=utf-8").result(text.markdown(table, language));
            case "xlsx" ->
                ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                        .header("Content-Disposition", attachment(table, "xlsx"))
                        .result(text.xlsx(table, language));
            default -> ctx.json(json(table));
        }
    }

    private static String attachment(WeeklyTable.Table table, String extension) {
        return "attachment; filename=\"weekly-" + table.week() + "." + extension + "\"";
    }

    private static Map<String, Object> json(WeeklyTable.Table table) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("week", table.week().toString());
        v.put("from", table.from().toString());
        v.put("to", table.to().toString());
        v.put("rows", table.rows().stream().map(WeeklyReportApi::row).toList());
        v.put("total", row(table.total()));
        return v;
    }

    private static Map<String, Object> row(WeeklyTable.Row r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("town", r.town());
        v.put("room_in_place", r.roomInPlace());
        v.put("room_since", r.roomSince());
        v.put("activities_this_week", r.activitiesThisWeek());
        v.put("activities_total", r.activitiesTotal());
        v.put("received", r.received());
        v.put("accepted", r.accepted());
        v.put("consulted", r.consulted());
        v.put("reported", r.reported());
        v.put("closed", r.closed());
        v.put("open_at_end", r.openAtEnd());
        v.put("overdue", r.overdue());
        v.put("average_days_to_consult", r.averageDaysToConsult().orElse(null));
        v.put("ratings", r.ratings());
        v.put("satisfied", r.satisfied());
        v.put("unsatisfied", r.unsatisfied());
        v.put("satisfaction_rate", r.satisfactionRate().orElse(null));
        return v;
    }
}
