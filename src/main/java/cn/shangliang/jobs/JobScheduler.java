package cn.shangliang.jobs;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduled jobs on the executor it is given: the Friday push, the daily overdue digest and the daily
 * retention sweep are tried every ten minutes (each claims its run, so one process does it), the meeting reminders every thirty seconds. A failing run
 * is logged and tried again at the next tick.
 */
public final class JobScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    private final ScheduledExecutorService executor;
    private final WeeklyPush weeklyPush;
    private final OverdueDigest overdueDigest;
    private final MeetingReminders reminders;
    private final RetentionSweep retention;

    public JobScheduler(
            ScheduledExecutorService executor,
            WeeklyPush weeklyPush,
            OverdueDigest overdueDigest,
            MeetingReminders reminders,
            RetentionSweep retention) {
        this.executor = executor;
        this.retention = retention;
        this.weeklyPush = weeklyPush;
        this.overdueDigest = overdueDigest;
        this.reminders = reminders;
    }

    public JobScheduler start() {
        executor.scheduleWithFixedDelay(this::claimedJobs, 1, 10, TimeUnit.MINUTES);
        executor.scheduleWithFixedDelay(this::reminders, 5, 30, TimeUnit.SECONDS);
        return this;
    }

    /** One tick of the claimed jobs: each is tried on its own, so one failing does not hold back the other. */
    private void claimedJobs() {
        try {
            if (weeklyPush.runOnce() instanceof JobRun.Done d) {
                log.info("weekly push ({}): {} messages to the leadership office", d.claim(), d.messages());
            }
        } catch (RuntimeException e) {
            log.warn("weekly push failed: {}", e.toString());
        }
        try {
            if (overdueDigest.runOnce() instanceof JobRun.Done d && d.messages() > 0) {
                log.info("overdue digest ({}): {} messages to staff", d.claim(), d.messages());
            }
        } catch (RuntimeException e) {
            log.warn("overdue digest failed: {}", e.toString());
        }
        try {
            if (retention.runOnce() instanceof JobRun.Done d) {
                log.info("retention sweep ({}): identities erased from {} ended issues", d.claim(), d.messages());
            }
        } catch (RuntimeException e) {
            log.warn("retention sweep failed: {}", e.toString());
        }
    }

    private void reminders() {
        try {
            reminders.runOnce();
        } catch (RuntimeException e) {
            log.warn("meeting reminders failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
