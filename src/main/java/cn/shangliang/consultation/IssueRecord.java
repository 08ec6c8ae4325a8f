package cn.shangliang.consultation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An issue as the store keeps it: everything the rules need, including who raised and supports it (never shown to
 * other residents) and the raw text (shown only to no one but the rules: titles and views are masked). {@code version}
 * grows with every applied change; a change planned on one version is applied only if the issue is still at it.
 */
public record IssueRecord(
        String trackingNo,
        String town,
        String village,
        Topic.Level level,
        Topic.Status status,
        String category,
        boolean needsReview,
        String title,
        String text,
        String rawText,
        Optional<Reporter> reporter,
        Set<Reporter> supporters,
        int extraSupporters,
        Instant createdAt,
        String outcome,
        String rating,
        String mergedInto,
        String importedId,
        List<IssueDetail.HistoryEntry> history,
        long version) {

    public IssueRecord {
        Objects.requireNonNull(trackingNo, "trackingNo");
        Objects.requireNonNull(town, "town");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        village = village == null ? "" : village;
        category = category == null ? "" : category;
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        rawText = rawText == null ? "" : rawText;
        reporter = reporter == null ? Optional.empty() : reporter;
        supporters = Set.copyOf(new LinkedHashSet<>(supporters));
        outcome = outcome == null ? "" : outcome;
        rating = rating == null ? "" : rating;
        mergedInto = mergedInto == null ? "" : mergedInto;
        importedId = importedId == null ? "" : importedId;
        history = List.copyOf(history);
    }

    public Place place() {
        return new Place(town, village);
    }

    /** Everyone who hears of a change: the reporter first, then the supporters. */
    public List<Reporter> followers() {
        List<Reporter> all = new ArrayList<>();
        reporter.ifPresent(all::add);
        supporters.stream()
                .filter(s -> !all.contains(s))
                .sorted(java.util.Comparator.comparing(Reporter::toString))
                .forEach(all::add);
        return all;
    }

    public int supporterCount() {
        return (int) supporters.stream()
                        .filter(s -> reporter.isEmpty() || !reporter.get().equals(s))
                        .count()
                + extraSupporters;
    }

    /** What staff and the API see: masked text, no identities. */
    public IssueDetail detail() {
        return new IssueDetail(
                trackingNo,
                title,
                text,
                town,
                village,
                level,
                status,
                category,
                needsReview,
                supporterCount(),
                createdAt,
                outcome,
                history,
                rating,
                mergedInto);
    }

    /** The issue as the matcher indexes it. */
    public Topic topic() {
        return new Topic(trackingNo, town, level == Topic.Level.TOWN ? "" : village, level, title, text, status);
    }

    IssueRecord with(Topic.Status status, Topic.Level level, boolean needsReview, String outcome, String mergedInto) {
        return copy(
                status, level, needsReview, supporters, extraSupporters, outcome, rating, mergedInto, history, version);
    }

    IssueRecord withHistory(IssueDetail.HistoryEntry entry) {
        List<IssueDetail.HistoryEntry> more = new ArrayList<>(history);
        more.add(entry);
        return copy(
                status, level, needsReview, supporters, extraSupporters, outcome, rating, mergedInto, more, version);
    }

    IssueRecord withSupporters(Set<Reporter> more, int extra) {
        Set<Reporter> all = new LinkedHashSet<>(supporters);
        all.addAll(more);
        reporter.ifPresent(all::remove);
        return copy(status, level, needsReview, all, extra, outcome, rating, mergedInto, history, version);
    }

    IssueRecord withRating(String rating) {
        return copy(
                status, level, needsReview, supporters, extraSupporters, outcome, rating, mergedInto, history, version);
    }

    /** The same record at another version: what a store hands back after writing it. */
    public IssueRecord withVersion(long version) {
        return copy(
                status, level, needsReview, supporters, extraSupporters, outcome, rating, mergedInto, history, version);
    }

    /** This issue with the fields a change may touch replaced; who raised it, where, when and its text never change. */
    private IssueRecord copy(
            Topic.Status status,
            Topic.Level level,
            boolean needsReview,
            Set<Reporter> supporters,
            int extraSupporters,
            String outcome,
            String rating,
            String mergedInto,
            List<IssueDetail.HistoryEntry> history,
            long version) {
        return new IssueRecord(
                trackingNo,
                town,
                village,
                level,
                status,
                category,
                needsReview,
                title,
                text,
                rawText,
                reporter,
                supporters,
                extraSupporters,
                createdAt,
                outcome,
                rating,
                mergedInto,
                importedId,
                history,
                version);
    }
}
