package cn.shangliang.jobs;

import cn.shangliang.consultation.IdentityEraser;
import cn.shangliang.consultation.JobClaims;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Once a day (claimed, so one process does it), erases the reporter's and supporters' identities from every issue
 * that ended longer ago than {@code privacy.identity_days_after_end} ({@link IdentityEraser#sweep}). The issues, their
 * masked texts and their figures stay. Inboxes and visitors' profiles need no sweep: Redis expires them.
 */
public final class RetentionSweep {

    static final String CLAIM = "retention-sweep";

    private final IdentityEraser eraser;
    private final JobClaims claims;
    private final Clock clock;

    public RetentionSweep(IdentityEraser eraser, JobClaims claims, Clock clock) {
        this.eraser = eraser;
        this.claims = claims;
        this.clock = clock;
    }

    /** Today's sweep unless a process already claimed it; {@link JobRun.Done#messages()} is the issues changed. */
    public JobRun runOnce() {
        LocalDate today = LocalDate.now(clock);
        if (!claims.claim(CLAIM, today)) {
            return new JobRun.AlreadyClaimed(CLAIM + " " + today);
        }
        List<String> erased = eraser.sweep();
        return new JobRun.Done(CLAIM + " " + today, erased.size());
    }
}
