package cn.shangliang.consultation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The weekly progress table (每周推进表): one row per town for one ISO week, computed from the issues' histories and
 * the rooms' meetings, and a total row.
 *
 * <p>Figures "at the end of the week" are taken at the cut-off: the end of the week (Sunday 24:00), or now while the
 * week is still running. Only meetings that began before the cut-off count as activities. docs/reports.md lists how
 * each column is counted.
 */
public final class WeeklyTable {

    /**
     * One town's row, or the total row (town {@code ""}). {@code averageDaysToConsult} is empty when no issue was
     * consulted that week; {@code satisfactionRate} (per cent of ratings that are satisfied or basically satisfied) is
     * empty when there are no ratings.
     */
    public record Row(
            String town,
            boolean roomInPlace,
            String roomSince,
            int activitiesThisWeek,
            int activitiesTotal,
            int received,
            int accepted,
            int consulted,
            int reported,
            int closed,
            int openAtEnd,
            int overdue,
            Optional<Double> averageDaysToConsult,
            int ratings,
            int satisfied,
            int unsatisfied,
            Optional<Double> satisfactionRate) {}

    public record Table(IsoWeek week, LocalDate from, LocalDate to, List<Row> rows, Row total) {}

    /**
     * Where the figures come from: the towns to show (already limited to the reader's scope), each town's issues, the
     * rooms, the date each room opened (null when unknown) and a room's meetings that start before an instant.
     */
    public record Sources(
            List<Town> towns,
            Function<String, List<IssueDetail>> issuesOf,
            List<Room> rooms,
            Function<String, LocalDate> roomSince,
            BiFunction<String, Instant, List<Meeting>> meetingsBefore) {

        public Sources {
            towns = List.copyOf(towns);
            rooms = List.copyOf(rooms);
        }
    }

    private WeeklyTable() {}

    /**
     * Computes the table of {@code week} in {@code zone} as it stands at {@code now}; an open issue filed more than
     * {@code overdueAfter} before the cut-off counts as overdue.
     */
    public static Table compute(IsoWeek week, ZoneId zone, Instant now, Duration overdueAfter, Sources sources) {
        Instant from = week.monday().atStartOfDay(zone).toInstant();
        Instant end = week.monday().plusDays(7).atStartOfDay(zone).toInstant();
        Instant cutoff = now.isBefore(end) ? now : end;
        Window window = new Window(from, end, cutoff, overdueAfter);
        List<Row> rows = new ArrayList<>();
        Tally all = new Tally();
        for (Town town : sources.towns()) {
            Tally tally = new Tally();
            List<Room> rooms = sources.rooms().stream()
                    .filter(r -> r.town().equals(town.name()))
                    .toList();
            tally.rooms = rooms.size();
            tally.since = rooms.stream()
                    .map(r -> sources.roomSince().apply(r.id()))
                    .filter(d -> d != null)
                    .min(LocalDate::compareTo)
                    .orElse(null);
            for (Room room : rooms) {
                countMeetings(tally, sources.meetingsBefore().apply(room.id(), cutoff), window);
            }
            for (IssueDetail issue : sources.issuesOf().apply(town.name())) {
                countIssue(tally, issue, window);
            }
            rows.add(tally.row(town.name()));
            all.add(tally);
        }
        return new Table(week, week.monday(), week.sunday(), List.copyOf(rows), all.row(""));
    }

    /** The week {@code [from, end)} and the instant its end-of-week figures are taken. */
    private record Window(Instant from, Instant end, Instant cutoff, Duration overdueAfter) {
        boolean inWeek(Instant at) {
            return !at.isBefore(from) && at.isBefore(cutoff);
        }
    }

    private static void countMeetings(Tally tally, List<Meeting> meetings, Window w) {
        for (Meeting m : meetings) {
            Instant start = m.start().toInstant();
            if (m.cancelled() || !start.isBefore(w.cutoff())) {
                continue; // not begun (yet): a meeting later in the week is not an activity of it
            }
            tally.activitiesTotal++;
            if (!start.isBefore(w.from())) {
                tally.activitiesThisWeek++;
            }
        }
    }

    private static void countIssue(Tally tally, IssueDetail issue, Window w) {
        if (!issue.createdAt().isBefore(w.cutoff())) {
            return; // filed after the cut-off
        }
        if (w.inWeek(issue.createdAt())) {
            tally.received++;
        }
        Topic.Status status = Topic.Status.RECEIVED;
        for (IssueDetail.HistoryEntry h : issue.history()) {
            if (!h.at().isBefore(w.cutoff())) {
                continue;
            }
            Topic.Status to = Topic.Status.valueOf(h.to());
            status = to;
            if (!w.inWeek(h.at())) {
                continue;
            }
            switch (to) {
                case ACCEPTED -> tally.accepted++;
                case CONSULTED -> {
                    tally.consulted++;
                    tally.daysToConsult +=
                            Duration.between(issue.createdAt(), h.at()).toMillis() / 86_400_000.0;
                }
                case REPORTED -> tally.reported++;
                case CLOSED -> tally.closed++;
                case RECEIVED, SCHEDULED, REJECTED, MERGED -> {}
            }
        }
        if (status.isOpen()) {
            tally.open++;
            if (issue.createdAt().plus(w.overdueAfter()).isBefore(w.cutoff())) {
                tally.overdue++;
            }
        }
        if (!issue.rating().isEmpty() && issue.status() == Topic.Status.CLOSED) {
            tally.ratings++;
            if (issue.rating().equals("UNSATISFIED")) {
                tally.unsatisfied++;
            } else {
                tally.satisfied++;
            }
        }
    }

    /** Counts of one town, or of all towns added up. */
    private static final class Tally {
        int rooms;
        LocalDate since;
        int activitiesThisWeek;
        int activitiesTotal;
        int received;
        int accepted;
        int consulted;
        int reported;
        int closed;
        int open;
        int overdue;
        double daysToConsult;
        int ratings;
        int satisfied;
        int unsatisfied;

        void add(Tally t) {
            rooms += t.rooms;
            since = since == null || (t.since != null && t.since.isBefore(since)) ? t.since : since;
            activitiesThisWeek += t.activitiesThisWeek;
            activitiesTotal += t.activitiesTotal;
            received += t.received;
            accepted += t.accepted;
            consulted += t.consulted;
            reported += t.reported;
            closed += t.closed;
            open += t.open;
            overdue += t.overdue;
            daysToConsult += t.daysToConsult;
            ratings += t.ratings;
            satisfied += t.satisfied;
            unsatisfied += t.unsatisfied;
        }

        Row row(String town) {
            return new Row(
                    town,
                    rooms > 0,
                    since == null ? "" : since.toString(),
                    activitiesThisWeek,
                    activitiesTotal,
                    received,
                    accepted,
                    consulted,
                    reported,
                    closed,
                    open,
                    overdue,
                    consulted == 0 ? Optional.empty() : Optional.of(oneDecimal(daysToConsult / consulted)),
                    ratings,
                    satisfied,
                    unsatisfied,
                    ratings == 0 ? Optional.empty() : Optional.of(oneDecimal(100.0 * satisfied / ratings)));
        }

        private static double oneDecimal(double v) {
            return Math.round(v * 10) / 10.0;
        }
    }
}
