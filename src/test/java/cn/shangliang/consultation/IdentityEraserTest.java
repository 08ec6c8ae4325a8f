package cn.shangliang.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.testing.InMemoryIssueStore;
import cn.shangliang.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retention and erasure of residents' identities in issues, on the in-memory store and a clock the test moves. */
class IdentityEraserTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"), ZONE);
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
            code -> {
                var pending = store.pending(code, 1000);
                pending.stream()
                        .map(Outbox.Entry::effect)
                        .filter(e -> e instanceof Effect.Remember)
                        .map(e -> (Effect.Remember) e)
                        .forEach(r -> store.remember(r.reporter(), r.trackingNo(), r.at()));
                store.delivered(code, pending);
            });
    private final IdentityEraser eraser = new IdentityEraser(store, regions, clock, Duration.ofDays(180));
    private final Reporter zhang = new Reporter("webchat", "zhang0001");
    private final Reporter li = new Reporter("wechat", "li");
    private final Reporter wang = new Reporter("wecom", "wang");
    private final Staff admin = Staff.cityWide("admin");
    private final Place village = new Place("青阳镇", "里庄村");

    private String filedAndSupported() {
        String no = core.file("m1", zhang, village, "村口路灯坏了，电话13812345678").trackingNo();
        core.support("s1", li, no);
        core.support("s2", wang, no);
        return no;
    }

    /** Scheduled, consulted, closed: the issue ends now. */
    private void close(String no) {
        core.transition("t1-" + no, admin, no, new IssueAction.Schedule(""));
        core.transition("t2-" + no, admin, no, new IssueAction.RecordOutcome("本周换灯"));
        assertThat(core.transition("t3-" + no, admin, no, new IssueAction.Close()))
                .isInstanceOf(Transition.Done.class);
    }

    private IssueRecord record(String no) {
        return store.load("QY", no).orElseThrow();
    }

    @Test
    void sweep_closedLongerThanTheRetention_erasesReporterAndSupporters_keepsTextAndCount() {
        String no = filedAndSupported();
        close(no);
        int supporters = record(no).supporterCount();

        clock.advance(Duration.ofDays(180));
        List<String> erased = eraser.sweep();

        assertThat(erased).containsExactly(no);
        IssueRecord after = record(no);
        assertThat(after.reporter()).isEmpty();
        assertThat(after.supporters()).isEmpty();
        assertThat(after.supporterCount()).isEqualTo(supporters).isEqualTo(2);
        assertThat(after.text()).contains("138****5678");
        assertThat(after.rawText()).doesNotContain("13812345678");
        assertThat(after.status()).isEqualTo(Topic.Status.CLOSED);
        assertThat(core.of(zhang, 10)).isEmpty();
        assertThat(core.of(li, 10)).isEmpty();
        assertThat(eraser.sweep()).as("a second sweep finds nothing left").isEmpty();
    }

    @Test
    void sweep_beforeTheRetentionEnds_orStillOpen_keepsIdentities() {
        String closed = filedAndSupported();
        close(closed);
        String open = core.file("m2", li, village, "路灯又坏了一盏").trackingNo();

        clock.advance(Duration.ofDays(179));
        assertThat(eraser.sweep()).isEmpty();
        clock.advance(Duration.ofDays(400));
        assertThat(eraser.sweep()).containsExactly(closed);

        assertThat(record(closed).reporter()).isEmpty();
        assertThat(record(open).reporter()).contains(li);
    }

    @Test
    void eraseEverywhere_takesOnlyThatPersonOff_whileOpen_andKeepsTheCount() {
        String no = filedAndSupported();
        int before = record(no).supporterCount();

        assertThat(eraser.eraseEverywhere(li)).containsExactly(no);
        assertThat(eraser.eraseEverywhere(zhang)).containsExactly(no);

        IssueRecord after = record(no);
        assertThat(after.reporter()).isEmpty();
        assertThat(after.supporters()).containsExactly(wang);
        assertThat(after.supporterCount()).isEqualTo(before);
        assertThat(after.status().isOpen()).isTrue();
        assertThat(core.of(li, 10)).isEmpty();
        assertThat(core.of(wang, 10)).hasSize(1);
    }

    @Test
    void endedAt_isTheLastChange_onlyOnceEnded() {
        String no = filedAndSupported();
        assertThat(PersonalData.endedAt(record(no))).isEmpty();
        clock.advance(Duration.ofDays(3));
        close(no);
        assertThat(PersonalData.endedAt(record(no))).contains(clock.instant());
    }
}
