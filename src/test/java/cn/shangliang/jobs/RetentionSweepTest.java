package cn.shangliang.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.consultation.Access;
import cn.shangliang.consultation.Category;
import cn.shangliang.consultation.Consultation;
import cn.shangliang.consultation.IdentityEraser;
import cn.shangliang.consultation.IssueAction;
import cn.shangliang.consultation.IssueRules;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Router;
import cn.shangliang.consultation.Staff;
import cn.shangliang.consultation.Topic;
import cn.shangliang.consultation.Town;
import cn.shangliang.consultation.Transition;
import cn.shangliang.testing.InMemoryIssueStore;
import cn.shangliang.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The daily retention sweep, on the in-memory store and a clock the test moves. */
class RetentionSweepTest {

    private final MutableClock clock =
            new MutableClock(Instant.parse("2026-11-26T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final InMemoryIssueStore store = new InMemoryIssueStore();
    private final Regions regions = new Regions(List.of(new Town("青阳镇", "QY", List.of("里庄村"))));
    private final Consultation core = new Consultation(
            store,
            new IssueRules(
                    new Router(List.of(new Category("照明", Topic.Level.VILLAGE, List.of("路灯"))), t -> t),
                    Duration.ofDays(14)),
            new Access(List.of()),
            regions,
            clock,
            code -> store.delivered(code, store.pending(code, 1000)));
    private final Set<String> claimed = new HashSet<>();
    private final RetentionSweep sweep = new RetentionSweep(
            new IdentityEraser(store, regions, clock, Duration.ofDays(30)),
            (job, day) -> claimed.add(job + day),
            clock);

    @Test
    void runOnce_afterTheRetention_erasesOncePerDay() {
        Staff admin = Staff.cityWide("admin");
        String no = core.file("m1", new Reporter("webchat", "visitor01"), new Place("青阳镇", "里庄村"), "路灯坏了")
                .trackingNo();
        assertThat(core.transition("t1", admin, no, new IssueAction.Reject("重复")))
                .isInstanceOf(Transition.Done.class);

        assertThat(sweep.runOnce()).isEqualTo(new JobRun.Done("retention-sweep 2026-11-26", 0));
        clock.advance(Duration.ofDays(30));
        LocalDate day = LocalDate.now(clock);

        assertThat(sweep.runOnce()).isEqualTo(new JobRun.Done("retention-sweep " + day, 1));
        assertThat(sweep.runOnce()).isInstanceOf(JobRun.AlreadyClaimed.class);
        assertThat(store.load("QY", no).orElseThrow().reporter()).isEmpty();
    }
}
