package cn.shangliang.consultation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The weekly progress table (每周推进表): one row per town for one ISO week, computed from the issues' histories and
 * the rooms' meetings.
 */
public final class WeeklyTable {

    /** One town's row. {@code averageDaysToConsult} is empty when no issue was consulted that week. */
    public record Row(
            String town,
            boolean roomInPlace,
            String roomSince,
            int activitiesThisWeek,
            int activitiesTotal,
            int received,
            int accepted,
            int consulted,
            int closed,
            int openAtEnd,
            Optional<Double> averageDaysToConsult,
            int ratings,
            int satisfied) {}

    public record Table(String week, LocalDate from, LocalDate to, List<Row> rows) {}

    private WeeklyTable() {}

    /** Parses {@code 2026-W48}; the week runs Monday to Sunday in {@code zone}. */
    public static LocalDate monday(String isoWeek) {
        if (!isoWeek.matches("\\d{4}-W\\d{2}")) {
            throw new IllegalArgumentException("week must look like 2026-W48 (was '" + isoWeek + "')");
        }
        int year = Integer.parseInt(isoWeek.substring(0, 4));
        int week = Integer.parseInt(isoWeek.substring(6));
        LocalDate anyDay = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week);
        return anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public static String isoWeek(LocalDate day) {
        return String.format(
                Locale.ROOT,
                "%d-W%02d",
                day.get(IsoFields.WEEK_BASED_YEAR),
                day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Computes the table from every town's issues, rooms (with the date each opened) and meetings. */
    public static Table compute(
            String isoWeek,
            ZoneId zone,
            List<Town> towns,
            java.util.function.Function<String, List<IssueDetail>> issuesOf,
            List<Room> rooms,
            java.util.function.Function<String, LocalDate> roomSince,
            java.util.function.BiFunction<String, Instant, List<Meeting>> meetingsUntil) {
        LocalDate monday = monday(isoWeek);
        Instant from = monday.atStartOfDay(zone).toInstant();
        Instant to = monday.plusDays(7).atStartOfDay(zone).toInstant();
        List<Row> rows = new ArrayList<>();
        for (Town town : towns) {
            List<Room> townRooms =
                    rooms.stream().filter(r -> r.town().equals(town.name())).toList();
            LocalDate since = townRooms.stream()
                    .map(r -> roomSince.apply(r.id()))
                    .filter(d -> d != null)
                    .min(LocalDate::compareTo)
                    .orElse(null);
            int total = 0;
            int thisWeek = 0;
            for (Room room : townRooms) {
                for (Meeting m : meetingsUntil.apply(room.id(), to)) {
                    total++;
                    Instant start = m.start().toInstant();
                    if (!start.isBefore(from)) {
                        thisWeek++;
                    }
                }
            }
            rows.add(row(town.name(), townRooms, since, thisWeek, total, issuesOf.apply(town.name()), from, to));
        }
        return new Table(isoWeek, monday, monday.plusDays(6), rows);
    }

    private static Row row(
            String town,
            List<Room> rooms,
            LocalDate since,
            int thisWeek,
            int total,
            List<IssueDetail> issues,
            Instant from,
            Instant to) {
        int received = 0;
        int accepted = 0;
        int consulted = 0;
        int closed = 0;
        int open = 0;
        double days = 0;
        int ratings = 0;
        int satisfied = 0;
        for (IssueDetail issue : issues) {
            if (inWeek(issue.createdAt(), from, to)) {
                received++;
            }
            boolean endedBy = false;
            for (IssueDetail.HistoryEntry h : issue.history()) {
                boolean inWeek = inWeek(h.at(), from, to);
                switch (h.to()) {
                    case "ACCEPTED" -> accepted += inWeek ? 1 : 0;
                    case "CONSULTED" -> {
                        if (inWeek) {
                            consulted++;
                            days += (h.at().toEpochMilli() - issue.createdAt().toEpochMilli()) / 86_400_000.0;
                        }
                    }
                    case "CLOSED" -> closed += inWeek ? 1 : 0;
                    default -> {}
                }
                if (h.at().isBefore(to) && !Topic.Status.valueOf(h.to()).isOpen()) {
                    endedBy = true;
                }
            }
            if (issue.createdAt().isBefore(to) && !endedBy) {
                open++;
            }
            if (!issue.rating().isEmpty() && issue.status() == Topic.Status.CLOSED) {
                ratings++;
                satisfied += issue.rating().equals("UNSATISFIED") ? 0 : 1;
            }
        }
        return new Row(
                town,
                !rooms.isEmpty(),
                since == null ? "" : since.toString(),
                thisWeek,
                total,
                received,
                accepted,
                consulted,
                closed,
                open,
                consulted == 0 ? Optional.empty() : Optional.of(Math.round(days / consulted * 10) / 10.0),
                ratings,
                satisfied);
    }

    private static boolean inWeek(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
