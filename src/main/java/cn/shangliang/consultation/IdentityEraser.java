package cn.shangliang.consultation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Applies {@link PersonalData}'s rules through the {@link IssueStore}: the retention sweep over every town's ended
 * issues, and a resident's erasure from every issue they raised or support. Each issue is changed by one atomic write
 * (compare-and-set on its version, planned again on a conflict); a person's pointer to the issue is dropped first, so
 * a crash in between leaves nothing that names them once the sweep or the request runs again.
 */
public final class IdentityEraser {

    private static final int ATTEMPTS = 5;
    private static final int MAX_OWN_ISSUES = 10_000;

    private final IssueStore store;
    private final Regions regions;
    private final Clock clock;
    private final Duration keepAfterEnd;

    /** @param keepAfterEnd how long an ended issue keeps its reporter's and supporters' identities */
    public IdentityEraser(IssueStore store, Regions regions, Clock clock, Duration keepAfterEnd) {
        this.store = store;
        this.regions = regions;
        this.clock = clock;
        this.keepAfterEnd = keepAfterEnd;
    }

    /** Erases the identities of every issue that ended at least the configured time ago; the numbers changed. */
    public List<String> sweep() {
        Instant now = clock.instant();
        List<String> erased = new ArrayList<>();
        for (Town town : regions.towns()) {
            Set<String> open = new HashSet<>(store.numbers(town.code(), true));
            for (String number : store.numbers(town.code(), false)) {
                if (!open.contains(number)
                        && erase(
                                town.code(),
                                number,
                                i -> PersonalData.identitiesDue(i, now, keepAfterEnd),
                                w -> true)) {
                    erased.add(number);
                }
            }
        }
        return erased;
    }

    /** Erases {@code person} from every issue that names them; the numbers changed. */
    public List<String> eraseEverywhere(Reporter person) {
        List<String> erased = new ArrayList<>();
        for (String number : store.ofUser(person, MAX_OWN_ISSUES)) {
            int dash = number.indexOf('-');
            if (dash > 0) {
                String code = number.substring(0, dash);
                if (erase(code, number, i -> names(i, person), person::equals)) {
                    erased.add(number);
                }
            }
            store.forget(person, number);
        }
        return erased;
    }

    private static boolean names(IssueRecord issue, Reporter person) {
        return issue.reporter().filter(person::equals).isPresent()
                || issue.supporters().contains(person);
    }

    /** Erases the people {@code who} accepts from the issue if {@code due}; true when it changed. */
    private boolean erase(String code, String number, Predicate<IssueRecord> due, Predicate<Reporter> who) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<IssueRecord> issue = store.load(code, number);
            if (issue.isEmpty() || !due.test(issue.get())) {
                return false;
            }
            IssueRecord before = issue.get();
            IssueRecord after = PersonalData.without(before, who);
            List<Reporter> leaving = new ArrayList<>(before.followers());
            leaving.removeAll(after.followers());
            leaving.forEach(p -> store.forget(p, number));
            var outcome = store.apply(new IssueChange(
                    code,
                    "erase:" + number + "#" + before.version(),
                    List.of(new IssueChange.Write(after, before.version(), true)),
                    List.of()));
            if (outcome != IssueChange.Outcome.CONFLICT) {
                return outcome == IssueChange.Outcome.APPLIED;
            }
        }
        throw new IllegalStateException("erasing identities of " + number + " kept conflicting");
    }
}
