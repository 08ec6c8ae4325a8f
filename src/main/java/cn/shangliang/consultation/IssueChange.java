package cn.shangliang.consultation;

import java.util.List;
import java.util.Objects;

/**
 * A change the rules planned, for the store to apply in one atomic step within one town: each issue is written only
 * if it is still at the version the plan was made on ({@code expectedVersion} −1: the issue must not exist yet), and
 * the effects go to the town's outbox in the same step. A second apply with the same {@code requestKey} changes
 * nothing.
 */
public record IssueChange(String townCode, String requestKey, List<Write> writes, List<Effect> effects) {

    public IssueChange {
        Objects.requireNonNull(townCode, "townCode");
        Objects.requireNonNull(requestKey, "requestKey");
        writes = List.copyOf(writes);
        effects = List.copyOf(effects);
    }

    /**
     * The new state of one issue, planned on {@code expectedVersion}. Supporters are only ever added, except by a
     * write that {@code replacesPeople} (erasing identities): its supporter set then replaces the stored one.
     */
    public record Write(IssueRecord after, long expectedVersion, boolean replacesPeople) {
        public Write(IssueRecord after, long expectedVersion) {
            this(after, expectedVersion, false);
        }
    }

    /** What the store did with a change. */
    public enum Outcome {
        APPLIED,
        /** The request was applied before: nothing changed now. */
        ALREADY_APPLIED,
        /** An issue changed since the plan was made: nothing changed; plan again. */
        CONFLICT
    }
}
