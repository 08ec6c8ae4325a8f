package cn.shangliang.dialogue;

import cn.shangliang.app.AppConfig;
import cn.shangliang.consultation.ConcernDesk;
import cn.shangliang.consultation.Consultation;
import cn.shangliang.consultation.IssueChange;
import cn.shangliang.consultation.IssueRecord;
import cn.shangliang.consultation.IssueSummary;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Topic;
import cn.shangliang.testing.InMemoryIssueStore;
import cn.shangliang.testing.TestDesks;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The real consultation core on an in-memory store, for conversation tests: the same rules as the server (a closed
 * issue takes no supporter, only its reporter rates it), with a few ways to seed and look.
 */
final class InMemoryDesk implements ConcernDesk {

    private final InMemoryIssueStore store = new InMemoryIssueStore();
    private final Consultation core;
    private final Set<String> seeded = new HashSet<>();

    InMemoryDesk(AppConfig config, Clock clock) {
        this.core = TestDesks.quiet(store, config, clock);
    }

    /** An accepted village-level issue with this number, as if filed earlier. */
    void add(String number, String title, Place place) {
        seed(number, title, place, Topic.Status.ACCEPTED, Optional.empty());
    }

    /** A closed issue that {@code reporter} raised: they may rate it. */
    void addClosed(String number, String title, Place place, Reporter reporter) {
        seed(number, title, place, Topic.Status.CLOSED, Optional.of(reporter));
    }

    private void seed(String number, String title, Place place, Topic.Status status, Optional<Reporter> reporter) {
        IssueRecord issue = new IssueRecord(
                number,
                place.town(),
                place.village(),
                Topic.Level.VILLAGE,
                status,
                "",
                false,
                title,
                title,
                title,
                reporter,
                Set.of(),
                0,
                Instant.EPOCH,
                "",
                "",
                "",
                "",
                List.of(),
                0);
        store.apply(
                new IssueChange(code(number), "seed:" + number, List.of(new IssueChange.Write(issue, -1)), List.of()));
        seeded.add(number);
    }

    private static String code(String number) {
        return number.substring(0, number.indexOf('-'));
    }

    /** How many issues residents filed (seeded ones not counted). */
    int filings() {
        return (int) store.numbers("QY", false).stream()
                        .filter(n -> !seeded.contains(n))
                        .count()
                + store.numbers("HT", false).size();
    }

    /** Tracking number → its supporters, for the issues that have any. */
    Map<String, Set<Reporter>> supporters() {
        Map<String, Set<Reporter>> out = new LinkedHashMap<>();
        for (String n : store.numbers("QY", false)) {
            store.load("QY", n).filter(i -> !i.supporters().isEmpty()).ifPresent(i -> out.put(n, i.supporters()));
        }
        return out;
    }

    /** The rating an issue got, if any. */
    Optional<Rating> rating(String number) {
        return store.load(code(number), number)
                .map(IssueRecord::rating)
                .filter(r -> !r.isEmpty())
                .map(Rating::valueOf);
    }

    /** The stored issue, with its level and review flag. */
    Optional<IssueRecord> record(String number) {
        return store.load(code(number), number);
    }

    @Override
    public boolean wantsVillage(Place place, String text) {
        return core.wantsVillage(place, text);
    }

    @Override
    public IssueSummary file(String requestKey, Reporter reporter, Place place, String text) {
        return core.file(requestKey, reporter, place, text);
    }

    @Override
    public Optional<IssueSummary> support(String requestKey, Reporter reporter, String trackingNo) {
        return core.support(requestKey, reporter, trackingNo);
    }

    @Override
    public Optional<IssueSummary> find(String trackingNo) {
        return core.find(trackingNo);
    }

    @Override
    public List<IssueSummary> of(Reporter reporter, int max) {
        return core.of(reporter, max);
    }

    @Override
    public boolean awaitsRating(Reporter reporter, String trackingNo) {
        return core.awaitsRating(reporter, trackingNo);
    }

    @Override
    public boolean rate(Reporter reporter, String trackingNo, Rating rating) {
        return core.rate(reporter, trackingNo, rating);
    }
}
