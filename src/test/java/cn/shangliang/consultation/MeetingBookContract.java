package cn.shangliang.consultation;

import static cn.shangliang.consultation.MeetingFixtures.at;
import static cn.shangliang.consultation.MeetingFixtures.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link MeetingBook}, run against every implementation (in memory and Redis): planned changes
 * applied with compare-and-set, once per request key, ids without gaps.
 */
public abstract class MeetingBookContract {

    /** A fresh, empty book. */
    protected abstract MeetingBook book();

    private static final Instant DAY_START = at(2, "00:00").toInstant();
    private static final Instant DAY_END = at(3, "00:00").toInstant();

    private static Meeting done(MeetingBook.Applied applied) {
        assertThat(applied).isInstanceOf(MeetingBook.Applied.Done.class);
        return ((MeetingBook.Applied.Done) applied).meeting();
    }

    @Test
    public void create_assignsRoomIdsInOrder_andBumpsTheVersion() {
        MeetingBook book = book();
        assertThat(book.version("qy-town")).isZero();
        Meeting first =
                done(book.apply("k1", new MeetingBook.Change.Create(meeting("qy-town", 2, "09:00", "10:00")), 0));
        Meeting second =
                done(book.apply("k2", new MeetingBook.Change.Create(meeting("qy-town", 2, "10:00", "11:00")), 1));

        assertThat(first.id()).isEqualTo("qy-town.1");
        assertThat(second.id()).isEqualTo("qy-town.2");
        assertThat(book.version("qy-town")).isEqualTo(2);
        assertThat(book.version("qy-lizhuang")).isZero();
        assertThat(book.get("qy-town.1")).contains(first);
    }

    @Test
    public void apply_againstAnOlderVersion_isStale_andTakesNoId() {
        MeetingBook book = book();
        done(book.apply("k1", new MeetingBook.Change.Create(meeting("qy-town", 2, "09:00", "10:00")), 0));

        assertThat(book.apply("k2", new MeetingBook.Change.Create(meeting("qy-town", 2, "10:00", "11:00")), 0))
                .isEqualTo(new MeetingBook.Applied.Stale());
        assertThat(book.version("qy-town")).isEqualTo(1);
        Meeting next =
                done(book.apply("k2", new MeetingBook.Change.Create(meeting("qy-town", 2, "10:00", "11:00")), 1));
        assertThat(next.id()).as("no gap after the stale attempt").isEqualTo("qy-town.2");
    }

    @Test
    public void apply_sameRequestKeyTwice_appliesOnce_andAnswersTheFirstMeeting() {
        MeetingBook book = book();
        var create = new MeetingBook.Change.Create(meeting("qy-town", 2, "09:00", "10:00"));
        MeetingBook.Applied first = book.apply("k1", create, 0);
        MeetingBook.Applied again = book.apply("k1", create, 0);

        assertThat(first).isEqualTo(new MeetingBook.Applied.Done(done(first), false));
        assertThat(again).isEqualTo(new MeetingBook.Applied.Done(done(first), true));
        assertThat(book.version("qy-town")).isEqualTo(1);
        assertThat(book.applied("qy-town", "k1")).contains(done(first));
        assertThat(book.applied("qy-town", "k2")).isEmpty();
        assertThat(book.schedule("qy-town", DAY_START, DAY_END)).hasSize(1);
    }

    @Test
    public void update_replacesTheMeeting_andTheSchedulesTime() {
        MeetingBook book = book();
        Meeting m = done(book.apply("k1", new MeetingBook.Change.Create(meeting("qy-town", 2, "09:00", "10:00")), 0));
        Meeting later = new Meeting(
                m.id(), m.roomId(), "改名", at(2, "14:00"), at(2, "15:00"), List.of(), List.of("member-qy-01"), false);
        assertThat(done(book.apply("k2", new MeetingBook.Change.Update(later), 1)))
                .isEqualTo(later);

        assertThat(book.get(m.id())).contains(later);
        assertThat(book.schedule(
                        "qy-town", at(2, "09:00").toInstant(), at(2, "10:00").toInstant()))
                .isEmpty();
        assertThat(book.schedule(
                        "qy-town", at(2, "14:30").toInstant(), at(2, "16:00").toInstant()))
                .containsExactly(later);
    }

    @Test
    public void cancel_marksCancelled_andLeavesTheSchedule() {
        MeetingBook book = book();
        Meeting m = done(book.apply("k1", new MeetingBook.Change.Create(meeting("qy-town", 2, "09:00", "10:00")), 0));
        Meeting cancelled = done(book.apply("k2", new MeetingBook.Change.Cancel(m), 1));

        assertThat(cancelled.cancelled()).isTrue();
        assertThat(book.get(m.id())).contains(cancelled);
        assertThat(book.schedule("qy-town", DAY_START, DAY_END)).isEmpty();
        assertThat(book.apply("k2", new MeetingBook.Change.Cancel(m), 1))
                .isEqualTo(new MeetingBook.Applied.Done(cancelled, true));
    }

    @Test
    public void move_createsInTheNewRoom_cancelsTheOld_andTheKeyAnswersInBoth() {
        MeetingBook book = book();
        Meeting m = done(book.apply("k1", new MeetingBook.Change.Create(meeting("qy-town", 2, "09:00", "10:00")), 0));
        Meeting there =
                new Meeting(m.id(), "qy-lizhuang", m.title(), m.start(), m.end(), m.issues(), m.invitees(), false);
        Meeting moved = done(book.apply("k2", new MeetingBook.Change.Move(m, there), 0));

        assertThat(moved.id()).isEqualTo("qy-lizhuang.1");
        assertThat(book.get(m.id()).orElseThrow().cancelled()).isTrue();
        assertThat(book.schedule("qy-lizhuang", DAY_START, DAY_END)).containsExactly(moved);
        assertThat(book.applied("qy-town", "k2")).contains(moved);
        assertThat(book.applied("qy-lizhuang", "k2")).contains(moved);
    }

    private static List<Effect> changes(MeetingBook book, String room) {
        return book.pending(room, 100).stream().map(Outbox.Entry::effect).toList();
    }

    @Test
    public void everyAppliedChange_isInTheRoomsOutbox_withTheMeetingBeforeAndAfter_repeatsAreNot() {
        MeetingBook book = book();
        Meeting m = done(book.apply("k1", new MeetingBook.Change.Create(meeting("qy-town", 2, "09:00", "10:00")), 0));
        Meeting later = new Meeting(
                m.id(), m.roomId(), "改名", at(2, "14:00"), at(2, "15:00"), List.of(), List.of("member-qy-01"), false);
        done(book.apply("k2", new MeetingBook.Change.Update(later), 1));
        done(book.apply("k2", new MeetingBook.Change.Update(later), 1));
        Meeting cancelled = done(book.apply("k3", new MeetingBook.Change.Cancel(later), 2));

        assertThat(changes(book, "qy-town"))
                .containsExactly(
                        new Effect.MeetingChanged(null, m),
                        new Effect.MeetingChanged(m, later),
                        new Effect.MeetingChanged(later, cancelled));
        book.delivered("qy-town", book.pending("qy-town", 2));
        assertThat(changes(book, "qy-town")).containsExactly(new Effect.MeetingChanged(later, cancelled));
    }

    @Test
    public void move_isOneChange_inTheNewRoomsOutbox() {
        MeetingBook book = book();
        Meeting m = done(book.apply("k1", new MeetingBook.Change.Create(meeting("qy-town", 2, "09:00", "10:00")), 0));
        book.delivered("qy-town", book.pending("qy-town", 10));
        Meeting there =
                new Meeting(m.id(), "qy-lizhuang", m.title(), m.start(), m.end(), m.issues(), m.invitees(), false);
        Meeting moved = done(book.apply("k2", new MeetingBook.Change.Move(m, there), 0));

        assertThat(changes(book, "qy-lizhuang")).containsExactly(new Effect.MeetingChanged(m, moved));
        assertThat(changes(book, "qy-town")).isEmpty();
    }

    @Test
    public void schedule_isInTimeOrder_andOnlyOverlapping() {
        MeetingBook book = book();
        done(book.apply("a", new MeetingBook.Change.Create(meeting("qy-town", 2, "14:00", "15:00")), 0));
        done(book.apply("b", new MeetingBook.Change.Create(meeting("qy-town", 2, "09:00", "10:00")), 1));
        done(book.apply("c", new MeetingBook.Change.Create(meeting("qy-town", 3, "09:00", "10:00")), 2));

        assertThat(book.schedule("qy-town", DAY_START, DAY_END))
                .extracting(Meeting::id)
                .containsExactly("qy-town.2", "qy-town.1");
        assertThat(book.schedule(
                        "qy-town", at(2, "10:00").toInstant(), at(2, "14:00").toInstant()))
                .isEmpty();
    }

    @Test
    public void answer_isKeptPerMember() {
        MeetingBook book = book();
        Meeting m = done(book.apply("k1", new MeetingBook.Change.Create(meeting("qy-town", 2, "09:00", "10:00")), 0));
        book.answer(m.id(), "member-qy-01", true, "");
        book.answer(m.id(), "member-qy-02", false, "出差");

        assertThat(book.attendance(m.id())).isEqualTo(Map.of("member-qy-01", "attend", "member-qy-02", "leave: 出差"));
        assertThat(book.attendance("qy-town.9")).isEmpty();
        assertThat(book.get("qy-town.9")).isEmpty();
        assertThat(book.get("no-dot")).isEmpty();
    }
}
