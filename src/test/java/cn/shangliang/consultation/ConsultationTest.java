package cn.shangliang.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.testing.InMemoryIssueStore;
import cn.shangliang.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of the consultation core, on the in-memory store: no Redis, a fixed clock. */
class ConsultationTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"), ZONE);
    private final InMemoryIssueStore store = new InMemoryIssueStore();
    private final Regions regions =
            new Regions(List.of(new Town("青阳镇", "QY", List.of("里庄村", "前进村")), new Town("璜土镇", "HT", List.of("石庄村"))));
    private final Router router = new Router(
            List.of(
                    new Category("交通", Topic.Level.TOWN, List.of("公交")),
                    new Category("照明", Topic.Level.VILLAGE, List.of("路灯"))),
            t -> t);
    private final List<Effect> delivered = new ArrayList<>();
    private final Consultation core = new Consultation(
            store, new IssueRules(router, Duration.ofDays(14)), new Access(List.of()), regions, clock, code -> {
                var pending = store.pending(code, 1000);
                pending.forEach(e -> delivered.add(e.effect()));
                pending.stream()
                        .map(Outbox.Entry::effect)
                        .filter(e -> e instanceof Effect.Remember)
                        .map(e -> (Effect.Remember) e)
                        .forEach(r -> store.remember(r.reporter(), r.trackingNo(), r.at()));
                store.delivered(code, pending);
            });

    private final Reporter zhang = new Reporter("wecom", "zhang");
    private final Reporter li = new Reporter("wechat", "li");
    private final Staff admin = Staff.cityWide("admin");
    private final Staff lizhuang = new Staff("lz", new Place("青阳镇", "里庄村"), false);
    private final Staff qingyang = new Staff("qy", Place.town("青阳镇"), false);
    private final Staff huangtu = new Staff("ht", Place.town("璜土镇"), false);
    private final Place village = new Place("青阳镇", "里庄村");

    private String file(String key, String text) {
        return core.file(key, zhang, village, text).trackingNo();
    }

    private List<Notice> notices() {
        return delivered.stream()
                .filter(e -> e instanceof Effect.Notify)
                .map(e -> ((Effect.Notify) e).notice())
                .toList();
    }

    @Test
    void file_routesMasksAndNumbers_andIsIdempotentByRequest() {
        IssueSummary first = core.file("m1", zhang, village, "村口路灯坏了，电话13812345678");
        IssueSummary again = core.file("m1", zhang, village, "村口路灯坏了，电话13812345678");

        assertThat(first.trackingNo()).isEqualTo("QY-20261126-0001");
        assertThat(again).isEqualTo(first);
        IssueDetail d = core.detail(first.trackingNo()).orElseThrow();
        assertThat(d.level()).isEqualTo(Topic.Level.VILLAGE);
        assertThat(d.category()).isEqualTo("照明");
        assertThat(d.text()).contains("138****5678").doesNotContain("13812345678");
        assertThat(core.of(zhang, 5)).extracting(IssueSummary::trackingNo).containsExactly(first.trackingNo());
        assertThat(delivered).filteredOn(e -> e instanceof Effect.Publish).hasSize(1);
    }

    @Test
    void file_townMatter_goesToTheTownQueue() {
        String no = file("m1", "公交车太少了");
        assertThat(core.queue(Place.town("青阳镇")))
                .extracting(e -> e.issue().trackingNo())
                .containsExactly(no);
        assertThat(core.queue(village)).isEmpty();
    }

    @Test
    void support_openIssue_countsOnce_reporterDoesNotCount() {
        String no = file("m1", "路灯坏了");
        core.support("s1", li, no);
        core.support("s2", li, no);
        core.support("s3", zhang, no);

        assertThat(core.find(no).orElseThrow().supporters()).isEqualTo(1);
        assertThat(core.of(li, 5)).extracting(IssueSummary::trackingNo).containsExactly(no);
    }

    @Test
    void support_closedIssue_isRefused() {
        String no = file("m1", "路灯坏了");
        core.transition("t1", admin, no, new IssueAction.Reject("归供电所"));

        assertThat(core.support("s1", li, no)).isEmpty();
        assertThat(core.find(no).orElseThrow().supporters()).isZero();
    }

    @Test
    void transition_reject_tellsReporterAndSupportersTheReason() {
        String no = file("m1", "路灯坏了");
        core.support("s1", li, no);
        delivered.clear();

        Transition t = core.transition("t1", admin, no, new IssueAction.Reject("已转12345热线"));

        assertThat(t).isInstanceOf(Transition.Done.class);
        assertThat(notices()).extracting(Notice::to).containsExactlyInAnyOrder(zhang, li);
        assertThat(notices()).allSatisfy(n -> {
            assertThat(n.template()).isEqualTo("utter_issue_rejected");
            assertThat(n.slots()).containsEntry("reason", "已转12345热线").containsEntry("status", "status_rejected");
        });
        assertThat(core.queue(village)).isEmpty();
    }

    @Test
    void transition_repeatedRequest_appliesAndNotifiesOnce() {
        String no = file("m1", "路灯坏了");
        delivered.clear();
        core.transition("t1", admin, no, new IssueAction.Accept());
        Transition again = core.transition("t1", admin, no, new IssueAction.Accept());

        assertThat(again).isInstanceOf(Transition.Done.class);
        assertThat(notices()).hasSize(1);
        assertThat(core.detail(no).orElseThrow().history()).hasSize(1);
    }

    @Test
    void transition_moveUp_needsAReason_andNamesTheNewLevel() {
        String no = file("m1", "路灯坏了");
        assertThat(core.transition("t1", admin, no, new IssueAction.MoveUp(" ")))
                .isEqualTo(new Transition.Refused("reason_needs_reason"));
        delivered.clear();

        core.transition("t2", admin, no, new IssueAction.MoveUp("涉及全镇照明改造"));

        assertThat(core.detail(no).orElseThrow().level()).isEqualTo(Topic.Level.TOWN);
        assertThat(notices()).singleElement().satisfies(n -> {
            assertThat(n.template()).isEqualTo("utter_issue_moved");
            assertThat(n.slots()).containsEntry("level", "level_town").containsEntry("reason", "涉及全镇照明改造");
        });
        assertThat(core.transition("t3", admin, no, new IssueAction.MoveUp("再提")))
                .isEqualTo(new Transition.Refused("reason_already_level", Map.of("level", "level_town")));
    }

    @Test
    void transition_moveDown_ofATownOnlyIssue_isRefused() {
        String no = core.file("m1", zhang, Place.town("青阳镇"), "公交车太少").trackingNo();
        assertThat(core.transition("t1", admin, no, new IssueAction.MoveDown("村里能办")))
                .isEqualTo(new Transition.Refused("reason_no_village"));
    }

    @Test
    void transition_wrongOrder_isRefusedWithBothStatuses() {
        String no = file("m1", "路灯坏了");
        assertThat(core.transition("t1", admin, no, new IssueAction.Close()))
                .isEqualTo(new Transition.Refused(
                        "reason_wrong_status", Map.of("from", "status_received", "to", "status_closed")));
    }

    @Test
    void transition_schedule_passesTheMeetingOn() {
        String no = file("m1", "路灯坏了");
        delivered.clear();
        core.transition("t1", admin, no, new IssueAction.Schedule("12月7日 10:00 青阳镇议事室"));
        assertThat(notices()).singleElement().satisfies(n -> {
            assertThat(n.template()).isEqualTo("utter_issue_scheduled");
            assertThat(n.slots()).containsEntry("meeting", "12月7日 10:00 青阳镇议事室");
        });
    }

    @Test
    void transition_close_asksOnlyTheReporterToRate() {
        String no = file("m1", "路灯坏了");
        core.support("s1", li, no);
        core.transition("t1", admin, no, new IssueAction.Schedule(""));
        core.transition("t2", admin, no, new IssueAction.RecordOutcome("本周换灯"));
        delivered.clear();

        core.transition("t3", admin, no, new IssueAction.Close());

        assertThat(notices())
                .filteredOn(Notice::askRating)
                .extracting(Notice::to)
                .containsExactly(zhang);
        assertThat(notices())
                .filteredOn(n -> n.to().equals(li))
                .singleElement()
                .satisfies(n -> assertThat(n.template()).isEqualTo("utter_issue_closed"));
    }

    @Test
    void merge_movesFollowersToTheSurvivor_andNamesIt() {
        String a = file("m1", "路灯坏了");
        String b = core.file("m2", li, village, "东头路灯不亮").trackingNo();
        delivered.clear();

        assertThat(core.transition("t1", lizhuang, b, new IssueAction.MergeInto(a.toLowerCase())))
                .isInstanceOf(Transition.Done.class);

        assertThat(core.find(b).orElseThrow().mergedInto()).isEqualTo(a);
        assertThat(core.find(a).orElseThrow().supporters()).isEqualTo(1);
        assertThat(notices()).singleElement().satisfies(n -> {
            assertThat(n.to()).isEqualTo(li);
            assertThat(n.slots()).containsEntry("target", a).containsEntry("target_title", "路灯坏了");
        });
        assertThat(core.detail(a).orElseThrow().history())
                .extracting(IssueDetail.HistoryEntry::action)
                .containsExactly("merged_from");
    }

    @Test
    void merge_intoClosedSelfOrAnotherTown_isRefused() {
        String a = file("m1", "路灯坏了");
        String other = core.file("m2", li, new Place("璜土镇", "石庄村"), "路灯坏了").trackingNo();

        assertThat(core.transition("t1", admin, a, new IssueAction.MergeInto(a)))
                .isInstanceOf(Transition.Refused.class);
        assertThat(core.transition("t2", admin, a, new IssueAction.MergeInto(other)))
                .isEqualTo(new Transition.Refused("reason_merge_scope", Map.of("target", other)));
        assertThat(core.transition("t3", admin, a, new IssueAction.MergeInto("QY-20990101-0001")))
                .isEqualTo(new Transition.Refused("reason_merge_target", Map.of("target", "QY-20990101-0001")));
        assertThat(core.detail(a).orElseThrow().status()).isEqualTo(Topic.Status.RECEIVED);
    }

    @Test
    void scope_villageStaff_actOnlyOnTheirVillageLevelIssues() {
        String lights = file("m1", "路灯坏了");
        String bus = file("m2", "公交车太少");

        assertThat(core.transition("t1", lizhuang, lights, new IssueAction.Accept()))
                .isInstanceOf(Transition.Done.class);
        assertThat(core.transition("t2", lizhuang, bus, new IssueAction.Accept()))
                .isEqualTo(new Transition.Forbidden(bus));
        assertThat(core.transition("t3", huangtu, lights, new IssueAction.Close()))
                .isEqualTo(new Transition.Forbidden(lights));
        assertThat(core.detail(qingyang, bus)).isInstanceOf(Lookup.Found.class);
        assertThat(core.detail(lizhuang, bus)).isInstanceOf(Lookup.Forbidden.class);
        assertThat(core.detail(huangtu, "QY-20990101-0001")).isInstanceOf(Lookup.NotFound.class);
        assertThat(core.queue(huangtu, village)).isInstanceOf(Lookup.Forbidden.class);
        assertThat(core.queue(lizhuang, Place.town("青阳镇"))).isInstanceOf(Lookup.Forbidden.class);
        assertThat(core.detail(bus).orElseThrow().status()).isEqualTo(Topic.Status.RECEIVED);
    }

    @Test
    void rate_onlyTheReporter_onlyWhenClosed() {
        String no = file("m1", "路灯坏了");
        assertThat(core.rate(zhang, no, ConcernDesk.Rating.SATISFIED)).isFalse();
        core.transition("t1", admin, no, new IssueAction.Schedule(""));
        core.transition("t2", admin, no, new IssueAction.RecordOutcome("换了灯"));
        core.transition("t3", admin, no, new IssueAction.Close());

        assertThat(core.rate(li, no, ConcernDesk.Rating.UNSATISFIED)).isFalse();
        assertThat(core.rate(zhang, no, ConcernDesk.Rating.SATISFIED)).isTrue();
        assertThat(core.detail(no).orElseThrow().rating()).isEqualTo("SATISFIED");
    }

    @Test
    void queue_overdueFirst_thenSupporters_withAFixedClock() {
        String old = file("m1", "路灯坏了");
        clock.advance(Duration.ofDays(15));
        String popular = file("m2", "垃圾桶满了");
        String plain = file("m3", "路灯又坏了");
        core.support("s1", li, popular);

        var queue = core.queue(village);

        assertThat(queue).extracting(e -> e.issue().trackingNo()).containsExactly(old, popular, plain);
        assertThat(queue).extracting(IssueBook.QueueEntry::overdue).containsExactly(true, false, false);
    }

    @Test
    void importTopic_sameIdTwice_keepsOneIssue() {
        Topic t = new Topic("old-7", "青阳镇", "里庄村", Topic.Level.VILLAGE, "桥栏杆松了", "桥栏杆松了", Topic.Status.ACCEPTED);
        IssueSummary first = core.importTopic(t, 3);
        IssueSummary again = core.importTopic(t, 3);

        assertThat(again.trackingNo()).isEqualTo(first.trackingNo());
        assertThat(first.supporters()).isEqualTo(3);
        assertThat(core.openTopics()).extracting(Topic::id).containsExactly(first.trackingNo());
        assertThat(Optional.of(core.allOf("青阳镇").size())).contains(1);
    }
}
