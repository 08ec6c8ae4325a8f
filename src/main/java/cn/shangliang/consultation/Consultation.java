package cn.shangliang.consultation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The consultation core's service: loads from the {@link IssueStore}, asks {@link IssueRules} and {@link Access},
 * and has the store apply the planned change with its effects in one step. Every door (chat, REST, console, jobs,
 * CLI) calls these methods, so one operation gives the same state and the same notices through any of them.
 */
public final class Consultation implements ConcernDesk, IssueBook {

    /** A change planned on a version that moved meanwhile is planned again, up to this many times. */
    private static final int ATTEMPTS = 5;

    private final IssueStore store;
    private final IssueRules rules;
    private final Access access;
    private final Regions regions;
    private final Clock clock;
    private final Consumer<String> applied;

    /** @param applied told the town code after every applied change, to deliver its outbox now */
    public Consultation(
            IssueStore store, IssueRules rules, Access access, Regions regions, Clock clock, Consumer<String> applied) {
        this.store = store;
        this.rules = rules;
        this.access = access;
        this.regions = regions;
        this.clock = clock;
        this.applied = applied;
    }

    @Override
    public IssueSummary file(String requestKey, Reporter reporter, Place place, String text) {
        String code = town(place.town()).code();
        Instant now = clock.instant();
        String number = store.reserve(code, requestKey, LocalDate.ofInstant(now, clock.getZone()), false);
        Optional<IssueRecord> existing = store.load(code, number);
        if (existing.isPresent()) {
            return existing.get().detail().summary();
        }
        return fileNew(code, number, rules.file(number, reporter, place, text, now), now);
    }

    @Override
    public boolean wantsVillage(Place place, String text) {
        return place.isTownOnly() && rules.route(text, place).needsVillage();
    }

    /**
     * Loads a topic a town already has ({@code import-topics}). Importing the same id again changes nothing: the id
     * keeps the tracking number it got the first time.
     */
    public IssueSummary importTopic(Topic topic, int supporters) {
        String code = town(topic.town()).code();
        Instant now = clock.instant();
        String number = store.reserve(code, topic.id(), LocalDate.ofInstant(now, clock.getZone()), true);
        Optional<IssueRecord> existing = store.load(code, number);
        if (existing.isPresent()) {
            return existing.get().detail().summary();
        }
        return fileNew(code, number, rules.imported(number, topic, supporters, now), now);
    }

    /** Writes a new issue with its effects; answers it as written, without reading it back, unless it was there. */
    private IssueSummary fileNew(String code, String number, IssueRecord issue, Instant now) {
        var outcome = store.apply(new IssueChange(
                code, "file:" + number, List.of(new IssueChange.Write(issue, -1)), rules.filed(issue, now)));
        applied.accept(code);
        return outcome == IssueChange.Outcome.APPLIED
                ? issue.detail().summary()
                : store.load(code, number).orElseThrow().detail().summary();
    }

    @Override
    public Optional<IssueSummary> support(String requestKey, Reporter reporter, String trackingNo) {
        Optional<String> code = codeOf(trackingNo);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<IssueRecord> issue = store.load(code.get(), trackingNo);
            if (issue.isEmpty()) {
                return Optional.empty();
            }
            switch (rules.support(issue.get(), reporter, clock.instant())) {
                case IssueRules.Support.Ended e -> {
                    return Optional.empty();
                }
                case IssueRules.Support.Joined j -> {
                    List<IssueChange.Write> writes = j.after()
                            .map(a ->
                                    List.of(new IssueChange.Write(a, issue.get().version())))
                            .orElse(List.of());
                    var outcome =
                            store.apply(new IssueChange(code.get(), "support:" + requestKey, writes, j.effects()));
                    if (outcome == IssueChange.Outcome.APPLIED) {
                        applied.accept(code.get());
                        return Optional.of(
                                j.after().orElse(issue.get()).detail().summary());
                    }
                    if (outcome == IssueChange.Outcome.ALREADY_APPLIED) {
                        return find(trackingNo);
                    }
                }
            }
        }
        throw new IllegalStateException("support of " + trackingNo + " kept conflicting");
    }

    @Override
    public Optional<IssueSummary> find(String trackingNo) {
        return detail(trackingNo).map(IssueDetail::summary);
    }

    @Override
    public List<IssueSummary> of(Reporter reporter, int max) {
        List<IssueSummary> issues = new ArrayList<>();
        for (String number : store.ofUser(reporter, max)) {
            find(number).ifPresent(issues::add);
        }
        return issues;
    }

    @Override
    public boolean rate(Reporter reporter, String trackingNo, Rating rating) {
        Optional<String> code = codeOf(trackingNo);
        for (int attempt = 0; code.isPresent() && attempt < ATTEMPTS; attempt++) {
            Optional<IssueRecord> issue = store.load(code.get(), trackingNo);
            Optional<IssueRecord> rated = issue.flatMap(i -> rules.rate(i, reporter, rating));
            if (rated.isEmpty()) {
                return false;
            }
            var outcome = store.apply(new IssueChange(
                    code.get(),
                    "rate:" + trackingNo + "#" + issue.get().version(),
                    List.of(new IssueChange.Write(rated.get(), issue.get().version())),
                    List.of()));
            if (outcome != IssueChange.Outcome.CONFLICT) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean awaitsRating(Reporter reporter, String trackingNo) {
        return record(trackingNo).filter(i -> rules.awaitsRating(i, reporter)).isPresent();
    }

    @Override
    public Optional<IssueDetail> detail(String trackingNo) {
        return record(trackingNo).map(IssueRecord::detail);
    }

    @Override
    public Lookup<IssueDetail> detail(Staff staff, String trackingNo) {
        Optional<IssueDetail> issue = detail(trackingNo);
        if (issue.isEmpty()) {
            return new Lookup.NotFound<>(trackingNo);
        }
        return access.issue(staff, issue.get()) ? new Lookup.Found<>(issue.get()) : new Lookup.Forbidden<>(trackingNo);
    }

    @Override
    public List<QueueEntry> queue(Place place) {
        Optional<Town> town = regions.town(place.town());
        if (town.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<QueueEntry> entries = new ArrayList<>();
        for (String number : store.numbers(town.get().code(), true)) {
            store.load(town.get().code(), number)
                    .filter(i -> IssueRules.inQueue(i, place))
                    .map(IssueRecord::detail)
                    .ifPresent(d -> entries.add(new QueueEntry(d, rules.overdue(d, now))));
        }
        entries.sort(IssueRules.QUEUE_ORDER);
        return entries;
    }

    @Override
    public Lookup<List<QueueEntry>> queue(Staff staff, Place place) {
        if (!access.queue(staff, place)) {
            return new Lookup.Forbidden<>(place.toString());
        }
        if (regions.town(place.town()).isEmpty()) {
            return new Lookup.NotFound<>(place.toString());
        }
        return new Lookup.Found<>(queue(place));
    }

    @Override
    public Transition transition(String requestKey, Staff staff, String trackingNo, IssueAction action) {
        String number = trackingNo.toUpperCase(Locale.ROOT);
        Optional<String> code = codeOf(number);
        if (code.isEmpty()) {
            return new Transition.NotFound(number);
        }
        String key = "tr:" + requestKey;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<IssueRecord> issue = store.load(code.get(), number);
            if (issue.isEmpty()) {
                return new Transition.NotFound(number);
            }
            if (!access.issue(
                    staff,
                    issue.get().town(),
                    issue.get().village(),
                    issue.get().level())) {
                return new Transition.Forbidden(number);
            }
            if (store.applied(code.get(), key)) {
                return new Transition.Done(issue.get().detail()); // a redelivery: applied, its notices in the outbox
            }
            Optional<IssueRecord> target = action instanceof IssueAction.MergeInto m
                    ? record(m.target().strip().toUpperCase(Locale.ROOT))
                    : Optional.empty();
            switch (rules.transition(access, staff, issue.get(), target, action, clock.instant())) {
                case IssueRules.Plan.Refuse r -> {
                    return r.refusal();
                }
                case IssueRules.Plan.Apply a -> {
                    List<IssueChange.Write> writes = new ArrayList<>();
                    writes.add(
                            new IssueChange.Write(a.writes().get(0), issue.get().version()));
                    if (a.writes().size() > 1) {
                        writes.add(new IssueChange.Write(
                                a.writes().get(1), target.orElseThrow().version()));
                    }
                    var outcome = store.apply(new IssueChange(code.get(), key, writes, a.effects()));
                    if (outcome != IssueChange.Outcome.CONFLICT) {
                        applied.accept(code.get());
                        return new Transition.Done(
                                outcome == IssueChange.Outcome.APPLIED
                                        ? a.writes().get(0).detail()
                                        : detail(number).orElseThrow());
                    }
                }
            }
        }
        return new Transition.Refused("reason_conflict");
    }

    /** Every issue ever filed or imported in a town, open or not. */
    public List<IssueDetail> allOf(String townName) {
        Optional<Town> town = regions.town(townName);
        if (town.isEmpty()) {
            return List.of();
        }
        List<IssueDetail> issues = new ArrayList<>();
        for (String number : store.numbers(town.get().code(), false)) {
            store.load(town.get().code(), number).map(IssueRecord::detail).ifPresent(issues::add);
        }
        return issues;
    }

    /** Every open issue as a topic, for building the matcher's index. */
    public List<Topic> openTopics() {
        List<Topic> topics = new ArrayList<>();
        for (Town town : regions.towns()) {
            for (String number : store.numbers(town.code(), true)) {
                store.load(town.code(), number)
                        .filter(i -> i.status().isOpen())
                        .map(IssueRecord::topic)
                        .ifPresent(topics::add);
            }
        }
        return topics;
    }

    private Optional<IssueRecord> record(String trackingNo) {
        return codeOf(trackingNo).flatMap(code -> store.load(code, trackingNo));
    }

    private Town town(String name) {
        return regions.town(name).orElseThrow(() -> new IllegalArgumentException("unknown town " + name));
    }

    /** The town code of a tracking number ({@code QY-20261126-0042} → {@code QY}) when it is a configured town's. */
    private Optional<String> codeOf(String trackingNo) {
        int dash = trackingNo.indexOf('-');
        if (dash < 2) {
            return Optional.empty();
        }
        String code = trackingNo.substring(0, dash);
        return regions.towns().stream().map(Town::code).filter(code::equals).findFirst();
    }
}
