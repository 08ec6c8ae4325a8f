package cn.shangliang.app;

import cn.shangliang.consultation.IsoWeek;
import cn.shangliang.jobs.JobRun;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shangliang jobs run weekly-push [--week 2026-W48]} and {@code shangliang jobs run overdue-digest}: run a
 * scheduled job now, under the same claim as its scheduled run, so that the job goes out once whichever comes first.
 * Exit codes: 0 ran or already done, 2 bad usage, 1 runtime failure.
 */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "Run a scheduled job now (claimed like the scheduled run: it never goes out twice).",
        subcommands = {JobsCommand.Run.class})
public final class JobsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("shangliang jobs: missing command (jobs run weekly-push|overdue-digest)");
        return 2;
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Run a job now. Jobs: weekly-push (the Friday summary to the leadership office),"
                    + " overdue-digest (today's overdue issues to staff), retention-sweep (identities off issues that ended"
                    + " longer ago than privacy.identity_days_after_end).")
    static final class Run implements Callable<Integer> {

        @Mixin
        ConfigOption config = new ConfigOption();

        @Parameters(paramLabel = "JOB", description = "weekly-push, overdue-digest or retention-sweep")
        String job;

        @Option(
                names = "--week",
                paramLabel = "YYYY-Www",
                description = "weekly-push only: the ISO week, e.g. 2026-W48 (default: this week)")
        String week;

        @Override
        public Integer call() {
            if (!job.equals("weekly-push") && !job.equals("overdue-digest") && !job.equals("retention-sweep")) {
                System.err.println("shangliang jobs run: unknown job '" + job
                        + "' (known: weekly-push, overdue-digest, retention-sweep)");
                return 2;
            }
            if (!job.equals("weekly-push") && week != null) {
                System.err.println("shangliang jobs run: --week applies to weekly-push only");
                return 2;
            }
            AppConfig cfg = config.load();
            IsoWeek isoWeek;
            try {
                isoWeek = week == null ? IsoWeek.of(LocalDate.now(cfg.zoneId())) : IsoWeek.parse(week);
            } catch (IllegalArgumentException e) {
                System.err.println("shangliang jobs run: " + e.getMessage());
                return 2;
            }
            try (Application app = Application.command(cfg)) {
                JobRun run = switch (job) {
                    case "weekly-push" -> app.weeklyPush().runNow(isoWeek);
                    case "retention-sweep" -> app.retentionSweep().runOnce();
                    default -> app.overdueDigest().runNow();
                };
                PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
                out.println(describe(run));
                return 0;
            } catch (RuntimeException e) {
                System.err.println("shangliang jobs run " + job + ": failed: " + e);
                return 1;
            }
        }

        private String describe(JobRun run) {
            return switch (run) {
                case JobRun.Done d ->
                    job + ": done (" + d.claim() + "), " + d.messages()
                            + (job.equals("retention-sweep") ? " issues erased" : " messages queued");
                case JobRun.AlreadyClaimed a -> job + ": already done (" + a.claim() + "), nothing sent";
                case JobRun.NotDue n -> job + ": not due, nothing sent";
            };
        }
    }
}
