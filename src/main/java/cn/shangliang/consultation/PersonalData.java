package cn.shangliang.consultation;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules on residents' identities in issues (PIPL): an issue that ended (closed, rejected or merged) keeps the
 * names of its reporter and supporters for a configured time, then loses them; a resident may have theirs erased at
 * any time. Erasing keeps the issue, its masked text and its figures (the supporter count stays, as anonymous
 * supporters); only who raised and who supports it goes, with the unmasked text that only the reporter's own view
 * needed.
 */
public final class PersonalData {

    private PersonalData() {}

    /** When the issue ended: the time of its last recorded change, once it is closed, rejected or merged. */
    public static Optional<Instant> endedAt(IssueRecord issue) {
        if (issue.status().isOpen()) {
            return Optional.empty();
        }
        return issue.history().isEmpty()
                ? Optional.of(issue.createdAt())
                : Optional.of(issue.history().getLast().at());
    }

    /** Whether the issue still names someone and ended at least {@code keep} before {@code now}. */
    public static boolean identitiesDue(IssueRecord issue, Instant now, Duration keep) {
        return namesAnyone(issue)
                && endedAt(issue).map(end -> !end.plus(keep).isAfter(now)).orElse(false);
    }

    public static boolean namesAnyone(IssueRecord issue) {
        return issue.reporter().isPresent() || !issue.supporters().isEmpty();
    }

    /** The issue without everyone's identity. */
    public static IssueRecord withoutIdentities(IssueRecord issue) {
        return without(issue, who -> true);
    }

    /**
     * The issue without the people {@code erased} accepts: a reporter erased leaves no reporter (and the text only in
     * its masked form); supporters erased become anonymous supporters, so the count stays.
     */
    public static IssueRecord without(IssueRecord issue, Predicate<Reporter> erased) {
        boolean reporterGoes = issue.reporter().filter(erased).isPresent();
        Set<Reporter> staying = new LinkedHashSet<>();
        int leaving = 0;
        for (Reporter s : issue.supporters()) {
            if (issue.reporter().isPresent() && issue.reporter().get().equals(s)) {
                continue; // the reporter is not counted as a supporter
            }
            if (erased.test(s)) {
                leaving++;
            } else {
                staying.add(s);
            }
        }
        return new IssueRecord(
                issue.trackingNo(),
                issue.town(),
                issue.village(),
                issue.level(),
                issue.status(),
                issue.category(),
                issue.needsReview(),
                issue.title(),
                issue.text(),
                reporterGoes ? issue.text() : issue.rawText(),
                reporterGoes ? Optional.empty() : issue.reporter(),
                staying,
                issue.extraSupporters() + leaving,
                issue.createdAt(),
                issue.outcome(),
                issue.rating(),
                issue.mergedInto(),
                issue.importedId(),
                issue.history(),
                issue.version());
    }
}
