package cn.shangliang.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.Application;
import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.MeetingBook;
import cn.shangliang.consultation.People;
import cn.shangliang.consultation.Person;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Room;
import cn.shangliang.consultation.Town;
import cn.shangliang.store.RedisMeetingBook;
import cn.shangliang.store.RedisOutboundQueue;
import cn.shangliang.store.RedisReminders;
import cn.shangliang.store.RedisSessionStore;
import cn.shangliang.testing.MeetingWrites;
import cn.shangliang.testing.MutableClock;
import cn.shangliang.testing.RedisPerClass;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Invitations and reminders with a clock moved by hand and two "processes" on one Redis. */
class MeetingRemindersIT {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    private final MutableClock clock = new MutableClock(T0, ZoneId.of("Asia/Shanghai"));
    private final Regions regions = new Regions(List.of(new Town("青阳镇", "QY", List.of("里庄村"))));
    private final People people = new People(
            List.of(
                    new Person("m1", "成员一", Person.Kind.MEMBER, Place.town("青阳镇"), List.of("webchat:member-1")),
                    new Person("m2", "成员二", Person.Kind.MEMBER, Place.town("青阳镇"), List.of("webchat:member-2"))),
            regions);
    private final List<Room> rooms = List.of(new Room("qy-town", "青阳镇议事室", "青阳镇", "", "镇政府一楼", 40, ""));
    private MeetingBook meetings;
    private RedisSessionStore sessions;

    @BeforeEach
    void setUp() {
        meetings = new RedisMeetingBook(redis.client(), Application.objectMapper());
        sessions = new RedisSessionStore(redis.client(), Application.objectMapper(), Duration.ofMinutes(30));
    }

    /** A "process": its own notices over the same Redis. */
    private MeetingNotices process() {
        return new MeetingNotices(
                people,
                rooms,
                Responses.load(Path.of("intents/responses.yml"), new Random(1)),
                sessions,
                new RedisOutboundQueue(redis.client(), Application.objectMapper(), Duration.ofDays(7)),
                new RedisReminders(redis.client()),
                meetings,
                List.of(1440, 60),
                clock);
    }

    private Meeting book(Duration fromNow, List<String> invitees) {
        OffsetDateTime start = OffsetDateTime.ofInstant(T0.plus(fromNow), ZoneOffset.ofHours(8));
        Meeting meeting = new Meeting(null, "qy-town", "路灯协商会", start, start.plusHours(2), List.of(), invitees, false);
        return MeetingWrites.create(meetings, meeting);
    }

    private List<String> sent() {
        return cn.shangliang.testing.Pipes.outboundEntries(redis.client()).stream()
                .map(e -> e.getFields().get("m"))
                .toList();
    }

    @Test
    void invitationAtOnce_remindersAtTheirTimes_eachExactlyOnceWithTwoProcesses() {
        MeetingNotices a = process();
        MeetingNotices b = process();
        Meeting meeting = book(Duration.ofHours(30), List.of("m1"));
        a.booked(meeting);
        assertThat(sent()).singleElement().asString().contains("会议邀请").contains("member-1");

        assertThat(a.remindDue() + b.remindDue()).isZero(); // nothing due yet
        clock.advance(Duration.ofHours(6).plusSeconds(1)); // 24 h before
        assertThat(a.remindDue() + b.remindDue()).isEqualTo(1);
        assertThat(b.remindDue() + a.remindDue()).isZero();

        MeetingNotices afterRestart = process(); // a new process finds the next reminder
        clock.advance(Duration.ofHours(23));
        assertThat(afterRestart.remindDue()).isEqualTo(1);
        assertThat(sent()).hasSize(3).last().asString().contains("提醒");
    }

    @Test
    void afterDowntime_reminderOfAMeetingStillAhead_goesOnce_ofOneThatBegan_isDropped() {
        MeetingNotices a = process();
        Meeting ahead = book(Duration.ofHours(26), List.of("m1"));
        Meeting begun = book(Duration.ofHours(60), List.of("m2"));
        a.booked(ahead);
        a.booked(begun);
        int invitations = sent().size();

        clock.advance(Duration.ofHours(25).plusMinutes(30)); // down until 30 min before `ahead`
        assertThat(process().remindDue()).isEqualTo(1); // both reminders of `ahead` were due: the 1 h one goes
        assertThat(sent()).last().asString().contains("提醒");
        clock.advance(Duration.ofHours(35)); // `begun` started 30 min ago and its reminders were never taken
        assertThat(process().remindDue()).isZero();
        assertThat(sent()).hasSize(invitations + 1);
    }

    private Meeting moved(Meeting m, Duration by, List<String> invitees) {
        Meeting after = new Meeting(
                m.id(), m.roomId(), m.title(), m.start().plus(by), m.end().plus(by), m.issues(), invitees, false);
        return MeetingWrites.update(meetings, after);
    }

    @Test
    void rescheduled_remindersFollowTheNewTime_addedMembersInvited_removedOnesTold() {
        MeetingNotices a = process();
        Meeting before = book(Duration.ofHours(30), List.of("m1"));
        a.booked(before);
        Meeting after = moved(before, Duration.ofHours(20), List.of("m2"));
        a.changed(before, after);
        assertThat(sent()).hasSize(3);
        assertThat(sent().get(1)).contains("会议邀请").contains("member-2");
        assertThat(sent().get(2)).contains("不用您参加").contains("member-1");

        clock.advance(Duration.ofHours(6).plusSeconds(1)); // the old 24 h reminder time
        assertThat(a.remindDue()).isZero();
        clock.advance(Duration.ofHours(20)); // the new one
        assertThat(a.remindDue()).isEqualTo(1);
        assertThat(sent()).last().asString().contains("提醒").contains("member-2");

        Meeting later = moved(after, Duration.ofHours(1), List.of("m2"));
        a.changed(after, later);
        assertThat(sent()).last().asString().contains("会议有变动").contains("member-2");
        Meeting same = moved(later, Duration.ZERO, List.of("m2"));
        int before2 = sent().size();
        a.changed(later, same);
        assertThat(sent()).hasSize(before2); // nothing changed for m2: no message
    }

    @Test
    void cancelledMeeting_getsNoReminders_andUnsubscribedMembers_noReminders() {
        MeetingNotices a = process();
        Meeting cancelled = book(Duration.ofHours(30), List.of("m1", "m2"));
        a.booked(cancelled);
        a.cancelled(MeetingWrites.cancel(meetings, cancelled));
        Meeting kept = book(Duration.ofHours(50), List.of("m1", "m2"));
        a.booked(kept);
        sessions.save("webchat", "member-2", Session.fresh().withUnsubscribed(true));
        int before = sent().size();

        clock.advance(Duration.ofHours(27));
        assertThat(a.remindDue()).isEqualTo(1); // kept: 24 h reminder to member-1 only

        assertThat(sent()).hasSize(before + 1);
        assertThat(sent().get(before)).contains("member-1");
    }
}
