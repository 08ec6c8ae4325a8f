package cn.shangliang.jobs;

/** What one run of a scheduled job did. */
public sealed interface JobRun {

    /** The job ran and queued {@code messages} notices. */
    record Done(String claim, int messages) implements JobRun {}

    /** Another run (scheduled or on demand, in any process) already claimed it; nothing was sent. */
    record AlreadyClaimed(String claim) implements JobRun {}

    /** Not time for the scheduled run yet (wrong day or before the configured hour). */
    record NotDue() implements JobRun {}

    /** Messages queued by this run: 0 unless it was {@link Done}. */
    default int messages() {
        return switch (this) {
            case Done d -> d.messages();
            case AlreadyClaimed a -> 0;
            case NotDue n -> 0;
        };
    }
}
