package cn.shangliang.consultation;

import static cn.shangliang.consultation.MeetingFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.testing.InMemoryMeetingBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The meeting workflow on the in-memory book: request keys, re-planning, scheduling issues, telling members. */
class MeetingDeskTest {

    /** The issue book as the desk uses it: details, and transitions recorded once per request key. */
    static final class Issues implements IssueBook {
        final Map<String, IssueDetail> details = new HashMap<>(ISSUES);
        final Map<String, IssueAction> applied = new java.util.LinkedHashMap<>();

        @Override
        public Optional<IssueDetail> detail(String trackingNo) {
            return Optional.ofNullable(details.get(trackingNo));
        }

        @Override
        public List<QueueEntry> queue(Place place) {
            return List.of();
        }

        @Override
        public Lookup<IssueDetail> detail(Staff staff, String trackingNo) {
            return detail(trackingNo)
                    .<Lookup<IssueDetail>>map(Lookup.Found::new)
                    .orElse(new Lookup.NotFound<>(trackingNo));
        }

        @Override
        public Lookup<List<QueueEntry>> queue(Staff staff, Place place) {
            return new Lookup.Found<>(List.of());
        }

        @Override
        public Transition transition(String requestKey, Staff staff, String trackingNo, IssueAction action) {
            applied.putIfAbsent(requestKey + "|" + trackingNo, action);
            IssueDetail d = details.get(trackingNo);
            Topic.Status status =
                    action instanceof IssueAction.Schedule ? Topic.Status.SCHEDULED : Topic.Status.CONSULTED;
            IssueDetail after = new IssueDetail(
                    d.trackingNo(),
                    d.title(),
                    d.text(),
                    d.town(),
                    d.village(),
                    d.level(),
                    status,
                    d.category(),
                    d.needsReview(),
                    d.supporters(),
                    d.createdAt(),
                    d.outcome(),
                    d.history(),
                    d.rating(),
                    d.mergedInto());
            details.put(trackingNo, after);
            return new Transition.Done(after);
        }
    }

    /** What the members were told, in order. */
    static final class Told implements MeetingListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void booked(Meeting meeting) {
            events.add("booked " + meeting.id());
        }

        @Override
        public void changed(Meeting before, Meeting after) {
            events.add("changed " + before.id() + "->" + after.id());
        }

        @Override
        public void cancelled(Meeting meeting) {
            events.add("cancelled " + meeting.id());
        }
    }

    private final InMemoryMeetingBook book = new InMemoryMeetingBook();
    private final Issues issues = new Issues();
    private final Told told = new Told();
    private final MeetingDesk desk = desk(book);

    private MeetingDesk desk(MeetingBook meetings) {
        Access access = new Access(ROOMS);
        return new MeetingDesk(
                ROOMS,
                access,
                new MeetingRules(access, MEMBERS::contains, CLOCK),
                meetings,
                issues,
                room -> deliver(meetings, room),
                m -> m.start().toLocalDate() + " "
                        + access.roomById(m.roomId()).orElseThrow().name());
    }

    /** What the relay does with a room's outbox after each change: the members hear of it. */
    private void deliver(MeetingBook meetings, String room) {
        List<Outbox.Entry> pending = meetings.pending(room, 100);
        for (Outbox.Entry e : pending) {
            if (e.effect() instanceof Effect.MeetingChanged m) {
                told.on(m);
            }
        }
        meetings.delivered(room, pending);
    }

    @Test
    void book_processDiesBeforeTellingTheMembers_theOutboxTellsThemOnceAfterwards() {
        Access access = new Access(ROOMS);
        MeetingDesk dying = new MeetingDesk(
                ROOMS,
                access,
                new MeetingRules(access, MEMBERS::contains, CLOCK),
                book,
                issues,
                room -> {}, // killed before delivering
                m -> "");
        Meeting draft = meeting("qy-town", 2, "09:00", "10:00");
        dying.book("m1", ADMIN, draft);
        dying.book("m1", ADMIN, draft); // the redelivered request after the crash
        assertThat(told.events).isEmpty();

        deliver(book, "qy-town"); // the next process's relay
        deliver(book, "qy-town");

        assertThat(told.events).containsExactly("booked qy-town.1");
    }

    @Test
    void book_retriedWithTheSameKey_booksAndTellsOnce() {
        Meeting draft =
                meeting("qy-town", 2, "09:00", "10:00", List.of(LZ_LIGHTS.trackingNo()), List.of("member-qy-01"));
        MeetingResult first = desk.book("api:k1", QY_STAFF, draft);
        MeetingResult again = desk.book("api:k1", QY_STAFF, draft);

        assertThat(first)
                .isInstanceOfSatisfying(
                        MeetingResult.Booked.class,
                        b -> assertThat(b.meeting().id()).isEqualTo("qy-town.1"));
        assertThat(again)
                .isInstanceOfSatisfying(
                        MeetingResult.Booked.class,
                        b -> assertThat(b.meeting().id()).isEqualTo("qy-town.1"));
        assertThat(told.events).containsExactly("booked qy-town.1");
        assertThat(book.schedule("qy-town", Instant.EPOCH, Instant.MAX)).hasSize(1);
    }

    @Test
    void book_schedulesItsIssues_withTheMeetingsDateAndRoom() {
        desk.book("k", QY_STAFF, meeting("qy-town", 2, "09:00", "10:00", List.of(LZ_LIGHTS.trackingNo()), List.of()));

        assertThat(issues.applied)
                .containsExactly(Map.entry(
                        "meeting:qy-town.1:" + LZ_LIGHTS.trackingNo() + "|" + LZ_LIGHTS.trackingNo(),
                        new IssueAction.Schedule("2026-12-02 青阳镇议事室")));
        assertThat(issues.details.get(LZ_LIGHTS.trackingNo()).status()).isEqualTo(Topic.Status.SCHEDULED);
    }

    @Test
    void book_refusedClash_takesNoId() {
        desk.book("a", ADMIN, meeting("qy-town", 2, "09:00", "10:00"));
        assertThat(desk.book("b", ADMIN, meeting("qy-town", 2, "09:30", "10:30")))
                .isInstanceOf(MeetingResult.Clash.class);
        MeetingResult next = desk.book("c", ADMIN, meeting("qy-town", 2, "10:00", "11:00"));

        assertThat(next)
                .isInstanceOfSatisfying(
                        MeetingResult.Booked.class,
                        b -> assertThat(b.meeting().id()).isEqualTo("qy-town.2"));
        assertThat(told.events).containsExactly("booked qy-town.1", "booked qy-town.2");
    }

    @Test
    void book_whenTheRoomChangesMeanwhile_plansAgainAndSeesTheClash() {
        InMemoryMeetingBook inner = new InMemoryMeetingBook();
        boolean[] raced = {false};
        MeetingBook racing = new MeetingBook() {
            public long version(String roomId) {
                return inner.version(roomId);
            }

            public Applied apply(String key, Change change, long expected) {
                if (!raced[0]) {
                    raced[0] = true; // another process books the same hour between our plan and our write
                    inner.apply(
                            "other",
                            new Change.Create(meeting("qy-town", 2, "09:00", "10:00")),
                            inner.version("qy-town"));
                }
                return inner.apply(key, change, expected);
            }

            public Optional<Meeting> applied(String roomId, String key) {
                return inner.applied(roomId, key);
            }

            public Optional<Meeting> get(String id) {
                return inner.get(id);
            }

            public void answer(String m, String p, boolean a, String n) {
                inner.answer(m, p, a, n);
            }

            public Map<String, String> attendance(String m) {
                return inner.attendance(m);
            }

            public List<Meeting> schedule(String r, Instant f, Instant t) {
                return inner.schedule(r, f, t);
            }

            public List<Entry> pending(String room, int max) {
                return inner.pending(room, max);
            }

            public void delivered(String room, List<Entry> entries) {
                inner.delivered(room, entries);
            }
        };

        MeetingResult result = desk(racing).book("mine", ADMIN, meeting("qy-town", 2, "09:30", "10:30"));

        assertThat(result)
                .isInstanceOfSatisfying(
                        MeetingResult.Clash.class,
                        c -> assertThat(c.other().id()).isEqualTo("qy-town.1"));
        assertThat(inner.schedule("qy-town", Instant.EPOCH, Instant.MAX)).hasSize(1);
    }

    @Test
    void change_andCancel_retried_tellOnce() {
        desk.book("a", ADMIN, meeting("qy-town", 2, "09:00", "10:00"));
        desk.change(
                "b",
                ADMIN,
                "qy-town.1",
                m -> new Meeting(
                        m.id(), m.roomId(), "新", m.start(), m.end(), m.issues(), List.of("member-qy-01"), false));
        desk.change(
                "b",
                ADMIN,
                "qy-town.1",
                m -> new Meeting(
                        m.id(), m.roomId(), "新", m.start(), m.end(), m.issues(), List.of("member-qy-01"), false));
        desk.cancel("c", ADMIN, "qy-town.1");
        MeetingResult again = desk.cancel("c", ADMIN, "qy-town.1");

        assertThat(again)
                .isInstanceOfSatisfying(
                        MeetingResult.Booked.class,
                        b -> assertThat(b.meeting().cancelled()).isTrue());
        assertThat(told.events)
                .containsExactly("booked qy-town.1", "changed qy-town.1->qy-town.1", "cancelled qy-town.1");
        assertThat(desk.cancel("d", ADMIN, "qy-town.1")).isEqualTo(new MeetingResult.NotFound("qy-town.1"));
    }

    @Test
    void writesAndReads_outOfScope_areForbidden_andChangeNothing() {
        desk.book("a", ADMIN, meeting("ht-town", 2, "09:00", "10:00"));
        long version = book.version("ht-town");

        assertThat(desk.book("x", LZ_STAFF, meeting("ht-town", 3, "09:00", "10:00")))
                .isInstanceOf(MeetingResult.Forbidden.class);
        assertThat(desk.change("y", LZ_STAFF, "ht-town.1", m -> m)).isInstanceOf(MeetingResult.Forbidden.class);
        assertThat(desk.cancel("z", LZ_STAFF, "ht-town.1")).isInstanceOf(MeetingResult.Forbidden.class);
        assertThat(desk.record("w", LZ_STAFF, "ht-town.1", Map.of("", "好")))
                .isInstanceOf(MeetingDesk.Outcomes.Refused.class);
        assertThat(desk.meeting(LZ_STAFF, "ht-town.1")).isEqualTo(new Lookup.Forbidden<Meeting>("ht-town.1"));
        assertThat(desk.schedule(LZ_STAFF, "ht-town", Instant.EPOCH, Instant.MAX))
                .isEqualTo(new Lookup.Forbidden<List<Meeting>>("ht-town"));
        assertThat(desk.rooms(LZ_STAFF)).extracting(Room::id).containsExactly("qy-lizhuang");
        assertThat(book.version("ht-town")).isEqualTo(version);
        assertThat(told.events).containsExactly("booked ht-town.1");
    }

    @Test
    void change_putsAnotherTownsIssueOnAVillageMeeting_isRefused() {
        desk.book("a", LZ_STAFF, meeting("qy-lizhuang", 2, "09:00", "10:00"));
        MeetingResult result = desk.change(
                "b",
                LZ_STAFF,
                "qy-lizhuang.1",
                m -> new Meeting(
                        m.id(),
                        m.roomId(),
                        m.title(),
                        m.start(),
                        m.end(),
                        List.of(HT_DRAIN.trackingNo()),
                        m.invitees(),
                        false));

        assertThat(result)
                .isInstanceOfSatisfying(
                        MeetingResult.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo("meeting_issues_out_of_scope"));
        assertThat(book.get("qy-lizhuang.1").orElseThrow().issues()).isEmpty();
        assertThat(issues.applied).isEmpty();
    }

    @Test
    void record_movesTheMeetingsIssuesToConsulted_once() {
        desk.book("a", QY_STAFF, meeting("qy-town", 2, "09:00", "10:00", List.of(LZ_LIGHTS.trackingNo()), List.of()));
        var first = desk.record("o", QY_STAFF, "qy-town.1", Map.of("", "同意增设路灯"));

        assertThat(first)
                .isInstanceOfSatisfying(
                        MeetingDesk.Outcomes.Recorded.class,
                        r -> assertThat(r.results()).containsOnlyKeys(LZ_LIGHTS.trackingNo()));
        assertThat(issues.details.get(LZ_LIGHTS.trackingNo()).status()).isEqualTo(Topic.Status.CONSULTED);
    }

    @Test
    void book_repeatedKeyFromStaffOutOfScope_isForbidden() {
        desk.book("api:k", QY_STAFF, meeting("qy-town", 2, "09:00", "10:00"));

        assertThat(desk.book("api:k", HT_STAFF, meeting("qy-town", 2, "09:00", "10:00")))
                .isEqualTo(new MeetingResult.Forbidden("qy-town.1"));
        assertThat(desk.cancel("api:k", HT_STAFF, "qy-town.1")).isEqualTo(new MeetingResult.Forbidden("qy-town.1"));
        assertThat(told.events).containsExactly("booked qy-town.1");
    }
}
