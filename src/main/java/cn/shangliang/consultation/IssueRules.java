package cn.shangliang.consultation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of consultation issues, once: filing (title, masking, category, level), supporting, every transition
 * including merge, rating, queue membership and order, overdue. Values in, values out: no store, no clock of its own.
 */
public final class IssueRules {

    /** Overdue first, then those the routing was unsure of, then by supporters, then oldest first. */
    public static final Comparator<IssueBook.QueueEntry> QUEUE_ORDER = Comparator.comparing(
                    (IssueBook.QueueEntry e) -> !e.overdue())
            .thenComparing(e -> !e.issue().needsReview())
            .thenComparing(e -> -e.issue().supporters())
            .thenComparing(e -> e.issue().createdAt());

    private final Router router;
    private final Duration overdueAfter;

    /** @param overdueAfter an issue not yet scheduled after this long is overdue */
    public IssueRules(Router router, Duration overdueAfter) {
        this.router = router;
        this.overdueAfter = overdueAfter;
    }

    // ---- filing ----

    /** Where a concern raised at {@code place} would be consulted, and how sure the rule is. */
    public Routing route(String text, Place place) {
        return router.route(text, place);
    }

    /** A resident's new concern, routed by the tiered-consultation rule. */
    public IssueRecord file(String number, Reporter reporter, Place place, String text, Instant now) {
        Routing routing = router.route(text, place);
        return new IssueRecord(
                number,
                place.town(),
                place.village(),
                routing.level(),
                Topic.Status.RECEIVED,
                routing.category(),
                routing.needsReview(),
                Texts.title(text),
                Texts.mask(text),
                text,
                Optional.of(reporter),
                Set.of(),
                0,
                now,
                "",
                "",
                "",
                "",
                List.of(),
                0);
    }

    /** A topic a town already had, imported as it is. */
    public IssueRecord imported(String number, Topic topic, int supporters, Instant now) {
        Place place = new Place(topic.town(), topic.village());
        return new IssueRecord(
                number,
                topic.town(),
                topic.village(),
                topic.level(),
                topic.status(),
                router.route(topic.text(), place).category(),
                false,
                topic.title().isBlank() ? Texts.title(topic.text()) : Texts.mask(topic.title()),
                Texts.mask(topic.text()),
                topic.text(),
                Optional.empty(),
                Set.of(),
                Math.max(0, supporters),
                now,
                "",
                "",
                "",
                topic.id(),
                List.of(),
                0);
    }

    /** What filing writes besides the issue: the matcher learns of it, the reporter's list gets it. */
    public List<Effect> filed(IssueRecord issue, Instant now) {
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.Publish(issue.topic()));
        issue.reporter().ifPresent(r -> effects.add(new Effect.Remember(r, issue.trackingNo(), now)));
        return effects;
    }

    // ---- supporting ----

    /** The outcome of "me too" on an issue. */
    public sealed interface Support {
        /** {@code after} is empty when nothing needs writing (the reporter supports their own issue). */
        record Joined(Optional<IssueRecord> after, List<Effect> effects) implements Support {}

        /** Closed, rejected or merged: no one can join it any more. */
        record Ended() implements Support {}
    }

    public Support support(IssueRecord issue, Reporter who, Instant now) {
        if (!issue.status().isOpen()) {
            return new Support.Ended();
        }
        List<Effect> effects = List.of(new Effect.Remember(who, issue.trackingNo(), now));
        boolean already = issue.supporters().contains(who)
                || issue.reporter().filter(who::equals).isPresent();
        return new Support.Joined(
                already ? Optional.empty() : Optional.of(issue.withSupporters(Set.of(who), issue.extraSupporters())),
                effects);
    }

    // ---- transitions ----

    /** A planned transition, or why there is none. */
    public sealed interface Plan {
        /** {@code writes}: the issue (and a merge's survivor) after the change; {@code effects}: notices and events. */
        record Apply(List<IssueRecord> writes, List<Effect> effects) implements Plan {}

        record Refuse(Transition refusal) implements Plan {}
    }

    /**
     * Plans {@code action} on {@code issue} by {@code staff}. {@code target} is the loaded survivor of a merge (empty
     * when there is none or it was not found).
     */
    public Plan transition(
            Access access,
            Staff staff,
            IssueRecord issue,
            Optional<IssueRecord> target,
            IssueAction action,
            Instant now) {
        if (!access.issue(staff, issue.town(), issue.village(), issue.level())) {
            return new Plan.Refuse(new Transition.Forbidden(issue.trackingNo()));
        }
        Lifecycle.Decision decision = Lifecycle.decide(issue.status(), issue.level(), action);
        return switch (decision) {
            case Lifecycle.Decision.Refuse r -> new Plan.Refuse(new Transition.Refused(r.reason(), r.slots()));
            case Lifecycle.Decision.Apply a ->
                action instanceof IssueAction.MergeInto m
                        ? merge(access, staff, issue, target, m, now)
                        : apply(staff, issue, action, a, now);
        };
    }

    private Plan apply(Staff staff, IssueRecord issue, IssueAction action, Lifecycle.Decision.Apply a, Instant now) {
        if (a.level() == Topic.Level.VILLAGE && issue.village().isEmpty()) {
            return new Plan.Refuse(new Transition.Refused("reason_no_village", Map.of()));
        }
        String outcome = action instanceof IssueAction.RecordOutcome r ? r.outcome() : issue.outcome();
        boolean review = issue.needsReview() && a.level() == issue.level();
        IssueRecord after = issue.with(a.status(), a.level(), review, outcome, "")
                .withHistory(entry(staff, action, issue.status(), a.status(), note(action), now));
        return new Plan.Apply(List.of(after), effectsOf(after, action, Optional.empty()));
    }

    private Plan merge(
            Access access,
            Staff staff,
            IssueRecord issue,
            Optional<IssueRecord> target,
            IssueAction.MergeInto m,
            Instant now) {
        String wanted = m.target().strip().toUpperCase(java.util.Locale.ROOT);
        if (target.isEmpty() || !target.get().status().isOpen() || wanted.equals(issue.trackingNo())) {
            return new Plan.Refuse(new Transition.Refused("reason_merge_target", Map.of("target", wanted)));
        }
        IssueRecord survivor = target.get();
        if (!survivor.town().equals(issue.town())
                || !access.issue(staff, survivor.town(), survivor.village(), survivor.level())) {
            return new Plan.Refuse(new Transition.Refused("reason_merge_scope", Map.of("target", wanted)));
        }
        IssueRecord merged = issue.with(
                        Topic.Status.MERGED, issue.level(), issue.needsReview(), issue.outcome(), wanted)
                .withHistory(entry(staff, m, issue.status(), Topic.Status.MERGED, wanted, now));
        java.util.Set<Reporter> joining = new java.util.LinkedHashSet<>(issue.followers());
        IssueRecord grown = survivor.withSupporters(joining, survivor.extraSupporters() + issue.extraSupporters())
                .withHistory(new IssueDetail.HistoryEntry(
                        now,
                        staff.id(),
                        "merged_from",
                        survivor.status().name(),
                        survivor.status().name(),
                        issue.trackingNo()));
        List<Effect> effects = effectsOf(merged, m, Optional.of(survivor));
        effects.add(new Effect.Publish(grown.topic()));
        return new Plan.Apply(List.of(merged, grown), effects);
    }

    private static IssueDetail.HistoryEntry entry(
            Staff staff, IssueAction action, Topic.Status from, Topic.Status to, String note, Instant now) {
        return new IssueDetail.HistoryEntry(now, staff.id(), action.name(), from.name(), to.name(), note);
    }

    /** The text a history entry keeps of an action: its reason, outcome, note or merge target. */
    private static String note(IssueAction action) {
        return switch (action) {
            case IssueAction.MoveUp m -> m.reason();
            case IssueAction.MoveDown m -> m.reason();
            case IssueAction.Reject r -> r.reason();
            case IssueAction.RecordOutcome r -> r.outcome();
            case IssueAction.Schedule s -> s.note();
            case IssueAction.MergeInto m -> m.target();
            case IssueAction.Accept a -> "";
            case IssueAction.Report r -> "";
            case IssueAction.Close c -> "";
        };
    }

    /** The topic event and one notice per follower, saying what changed and why. */
    private static List<Effect> effectsOf(IssueRecord after, IssueAction action, Optional<IssueRecord> survivor) {
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.Publish(after.topic()));
        String changeId = after.trackingNo() + "#" + after.history().size();
        for (Reporter to : after.followers()) {
            boolean isReporter = after.reporter().filter(to::equals).isPresent();
            Map<String, String> slots = new HashMap<>();
            slots.put("tracking_no", after.trackingNo());
            slots.put("title", after.title());
            slots.put("status", Lifecycle.statusKey(after.status()));
            slots.put("level", Lifecycle.levelKey(after.level()));
            slots.put("outcome", after.outcome());
            String template = switch (action) {
                case IssueAction.Reject r -> {
                    slots.put("reason", r.reason());
                    yield "utter_issue_rejected";
                }
                case IssueAction.MoveUp m -> {
                    slots.put("reason", m.reason());
                    yield "utter_issue_moved";
                }
                case IssueAction.MoveDown m -> {
                    slots.put("reason", m.reason());
                    yield "utter_issue_moved";
                }
                case IssueAction.Schedule s -> {
                    slots.put("meeting", s.note());
                    yield s.note().isBlank() ? "utter_issue_changed" : "utter_issue_scheduled";
                }
                case IssueAction.MergeInto m -> {
                    slots.put("target", survivor.map(IssueRecord::trackingNo).orElse(""));
                    slots.put("target_title", survivor.map(IssueRecord::title).orElse(""));
                    yield "utter_issue_merged";
                }
                case IssueAction.RecordOutcome r -> "utter_issue_changed_outcome";
                case IssueAction.Close c -> isReporter ? "utter_issue_closed_rate" : "utter_issue_closed";
                case IssueAction.Accept a -> "utter_issue_changed";
                case IssueAction.Report r -> "utter_issue_changed";
            };
            boolean askRating = action instanceof IssueAction.Close && isReporter;
            effects.add(new Effect.Notify(new Notice(
                    changeId + "#" + to.channel() + ":" + to.userId(), to, template, slots, askRating, isReporter)));
        }
        return effects;
    }

    // ---- rating ----

    /** Only the reporter rates, and only once the issue is closed; a second rating replaces the first. */
    public Optional<IssueRecord> rate(IssueRecord issue, Reporter who, ConcernDesk.Rating rating) {
        if (issue.status() != Topic.Status.CLOSED
                || issue.reporter().filter(who::equals).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(issue.withRating(rating.name()));
    }

    /** The reporter of a closed issue may rate it; it awaits their rating until they do. */
    public boolean awaitsRating(IssueRecord issue, Reporter who) {
        return issue.status() == Topic.Status.CLOSED
                && issue.reporter().filter(who::equals).isPresent()
                && issue.rating().isEmpty();
    }

    // ---- queues ----

    /** Whether an open issue is in the queue of {@code 镇} (town level) or {@code 镇/村} (that village, village level). */
    public static boolean inQueue(IssueRecord issue, Place queue) {
        if (!issue.status().isOpen() || !issue.town().equals(queue.town())) {
            return false;
        }
        return queue.isTownOnly()
                ? issue.level() == Topic.Level.TOWN
                : issue.level() == Topic.Level.VILLAGE && issue.village().equals(queue.village());
    }

    /** Received or accepted and waiting longer than the configured time. */
    public boolean overdue(IssueDetail issue, Instant now) {
        return (issue.status() == Topic.Status.RECEIVED || issue.status() == Topic.Status.ACCEPTED)
                && issue.createdAt().plus(overdueAfter).isBefore(now);
    }
}
