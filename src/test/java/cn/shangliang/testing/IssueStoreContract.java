package cn.shangliang.testing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.consultation.Effect;
import cn.shangliang.consultation.IssueChange;
import cn.shangliang.consultation.IssueDetail;
import cn.shangliang.consultation.IssueRecord;
import cn.shangliang.consultation.IssueStore;
import cn.shangliang.consultation.Notice;
import cn.shangliang.consultation.Outbox;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Topic;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IssueStore} and {@link Outbox} must do, run against the in-memory store and against Redis, so
 * that both keep the same behaviour.
 */
public abstract class IssueStoreContract {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);
    private static final Instant AT = Instant.parse("2026-11-26T02:00:00Z");
    private final Reporter zhang = new Reporter("wecom", "zhang");
    private final Reporter li = new Reporter("wechat", "li");

    /** A fresh, empty store. */
    protected abstract <S extends IssueStore & Outbox> S store();

    private static IssueRecord issue(String no, Topic.Status status, Set<Reporter> supporters, long version) {
        return new IssueRecord(
                no,
                "青阳镇",
                "里庄村",
                Topic.Level.VILLAGE,
                status,
                "照明",
                true,
                "路灯坏了",
                "路灯坏了 138****5678",
                "路灯坏了 13812345678",
                Optional.of(new Reporter("wecom", "zhang")),
                supporters,
                2,
                AT,
                "换灯",
                "",
                "",
                "",
                List.of(new IssueDetail.HistoryEntry(AT, "admin", "accept", "RECEIVED", "ACCEPTED", "")),
                version);
    }

    private static Effect notice(String id) {
        return new Effect.Notify(new Notice(
                id,
                new Reporter("wecom", "zhang"),
                "utter_issue_changed",
                Map.of("tracking_no", "QY-20261126-0001"),
                true));
    }

    @Test
    void reserve_sameRequest_sameNumber_otherRequest_next() {
        var store = store();
        String a = store.reserve("QY", "m1", DAY, false);
        assertThat(store.reserve("QY", "m1", DAY, false)).isEqualTo(a).isEqualTo("QY-20261126-0001");
        assertThat(store.reserve("QY", "m2", DAY, false)).isEqualTo("QY-20261126-0002");
        assertThat(store.reserve("QY", "topic-9", DAY, true)).isEqualTo("QY-20261126-0003");
        assertThat(store.reserve("QY", "topic-9", DAY, true)).isEqualTo("QY-20261126-0003");
    }

    @Test
    void apply_newIssue_isLoadedAsWritten_withItsEffects() {
        var store = store();
        IssueRecord written = issue("QY-20261126-0001", Topic.Status.ACCEPTED, Set.of(new Reporter("wechat", "li")), 0);
        var effects = List.of(
                notice("n1"),
                new Effect.Publish(written.topic()),
                new Effect.Remember(zhang, written.trackingNo(), AT));

        assertThat(store.apply(new IssueChange("QY", "r1", List.of(new IssueChange.Write(written, -1)), effects)))
                .isEqualTo(IssueChange.Outcome.APPLIED);

        IssueRecord loaded = store.load("QY", written.trackingNo()).orElseThrow();
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded).usingRecursiveComparison().ignoringFields("version").isEqualTo(written);
        assertThat(store.numbers("QY", true)).containsExactly(written.trackingNo());
        assertThat(store.numbers("QY", false)).containsExactly(written.trackingNo());
        assertThat(store.pending("QY", 10)).extracting(Outbox.Entry::effect).containsExactlyElementsOf(effects);
        assertThat(store.applied("QY", "r1")).isTrue();
        assertThat(store.applied("QY", "r2")).isFalse();
    }

    @Test
    void apply_sameRequestAgain_changesNothing_addsNoEffect() {
        var store = store();
        IssueRecord a = issue("QY-20261126-0001", Topic.Status.RECEIVED, Set.of(), 0);
        store.apply(new IssueChange("QY", "r1", List.of(new IssueChange.Write(a, -1)), List.of(notice("n1"))));
        IssueRecord closed = issue("QY-20261126-0001", Topic.Status.CLOSED, Set.of(), 1);

        assertThat(store.apply(
                        new IssueChange("QY", "r1", List.of(new IssueChange.Write(closed, 1)), List.of(notice("n2")))))
                .isEqualTo(IssueChange.Outcome.ALREADY_APPLIED);
        assertThat(store.load("QY", a.trackingNo()).orElseThrow().status()).isEqualTo(Topic.Status.RECEIVED);
        assertThat(store.pending("QY", 10)).hasSize(1);
    }

    @Test
    void apply_onAStaleVersion_isAConflict_andWritesNothing() {
        var store = store();
        IssueRecord a = issue("QY-20261126-0001", Topic.Status.RECEIVED, Set.of(), 0);
        store.apply(new IssueChange("QY", "r1", List.of(new IssueChange.Write(a, -1)), List.of()));
        IssueRecord b = issue("QY-20261126-0002", Topic.Status.RECEIVED, Set.of(), 0);

        var stale = new IssueChange(
                "QY",
                "r2",
                List.of(
                        new IssueChange.Write(b, -1),
                        new IssueChange.Write(issue(a.trackingNo(), Topic.Status.CLOSED, Set.of(), 0), 0)),
                List.of(notice("n")));
        assertThat(store.apply(stale)).isEqualTo(IssueChange.Outcome.CONFLICT);
        assertThat(store.apply(new IssueChange("QY", "r3", List.of(new IssueChange.Write(a, -1)), List.of())))
                .isEqualTo(IssueChange.Outcome.CONFLICT);

        assertThat(store.load("QY", b.trackingNo())).isEmpty();
        assertThat(store.pending("QY", 10)).isEmpty();
        assertThat(store.applied("QY", "r2")).isFalse();
    }

    @Test
    void apply_closing_leavesTheOpenSet_keepsSupportersAndHistory() {
        var store = store();
        IssueRecord a = issue("QY-20261126-0001", Topic.Status.RECEIVED, Set.of(li), 0);
        store.apply(new IssueChange("QY", "r1", List.of(new IssueChange.Write(a, -1)), List.of()));
        IssueRecord closed = new IssueRecord(
                a.trackingNo(),
                a.town(),
                a.village(),
                a.level(),
                Topic.Status.CLOSED,
                a.category(),
                false,
                a.title(),
                a.text(),
                a.rawText(),
                a.reporter(),
                Set.of(li, new Reporter("telegram", "42")),
                a.extraSupporters(),
                a.createdAt(),
                "换了灯",
                "SATISFIED",
                "",
                "",
                List.of(
                        a.history().get(0),
                        new IssueDetail.HistoryEntry(AT, "admin", "close", "RECEIVED", "CLOSED", "")),
                1);

        assertThat(store.apply(new IssueChange("QY", "r2", List.of(new IssueChange.Write(closed, 1)), List.of())))
                .isEqualTo(IssueChange.Outcome.APPLIED);

        IssueRecord loaded = store.load("QY", a.trackingNo()).orElseThrow();
        assertThat(loaded.version()).isEqualTo(2);
        assertThat(loaded.history()).hasSize(2);
        assertThat(loaded.supporters()).hasSize(2);
        assertThat(loaded.rating()).isEqualTo("SATISFIED");
        assertThat(store.numbers("QY", true)).isEmpty();
        assertThat(store.numbers("QY", false)).containsExactly(a.trackingNo());
    }

    @Test
    void outbox_deliveredEntriesAreForgotten_othersStayInOrder() {
        var store = store();
        store.apply(new IssueChange("QY", "r1", List.of(), List.of(notice("n1"), notice("n2"), notice("n3"))));
        var first = store.pending("QY", 2);
        assertThat(first).hasSize(2);

        store.delivered("QY", first);

        assertThat(store.pending("QY", 10))
                .singleElement()
                .satisfies(e ->
                        assertThat(((Effect.Notify) e.effect()).notice().id()).isEqualTo("n3"));
        assertThat(store.pending("HT", 10)).isEmpty();
    }

    @Test
    void remember_newestFirst_once() {
        var store = store();
        store.remember(zhang, "QY-20261126-0001", AT);
        store.remember(zhang, "QY-20261126-0002", AT.plusSeconds(60));
        store.remember(zhang, "QY-20261126-0001", AT.plusSeconds(120));

        assertThat(store.ofUser(zhang, 5)).containsExactly("QY-20261126-0002", "QY-20261126-0001");
        assertThat(store.ofUser(li, 5)).isEmpty();
    }

    @Test
    void apply_aWriteThatReplacesPeople_dropsTheErasedIdentities() {
        var store = store();
        IssueRecord a = issue("QY-20261126-0001", Topic.Status.CLOSED, Set.of(li, new Reporter("telegram", "42")), 0);
        store.apply(new IssueChange("QY", "r1", List.of(new IssueChange.Write(a, -1)), List.of()));
        IssueRecord erased = cn.shangliang.consultation.PersonalData.withoutIdentities(
                store.load("QY", a.trackingNo()).orElseThrow());

        assertThat(store.apply(
                        new IssueChange("QY", "erase", List.of(new IssueChange.Write(erased, 1, true)), List.of())))
                .isEqualTo(IssueChange.Outcome.APPLIED);

        IssueRecord loaded = store.load("QY", a.trackingNo()).orElseThrow();
        assertThat(loaded.reporter()).isEmpty();
        assertThat(loaded.supporters()).isEmpty();
        assertThat(loaded.supporterCount()).isEqualTo(a.supporterCount());
        assertThat(loaded.rawText()).isEqualTo(a.text());
    }

    @Test
    void forget_takesTheIssueOffTheResidentsList() {
        var store = store();
        store.remember(zhang, "QY-20261126-0001", AT);
        store.remember(zhang, "QY-20261126-0002", AT.plusSeconds(60));

        store.forget(zhang, "QY-20261126-0001");
        store.forget(zhang, "QY-20261126-0009");

        assertThat(store.ofUser(zhang, 5)).containsExactly("QY-20261126-0002");
    }
}
