package cn.shangliang.dialogue;

import cn.shangliang.channel.Outbound;
import cn.shangliang.channel.OutboundQueue;
import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.MeetingBook;
import cn.shangliang.consultation.MeetingListener;
import cn.shangliang.consultation.People;
import cn.shangliang.consultation.Person;
import cn.shangliang.consultation.Reminders;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Room;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invitations, updates, cancellations and reminders to the invited members, through their chat accounts and in their
 * language. Reminders are planned in Redis and taken atomically, so with several processes each goes out once; a
 * reminder found after downtime goes out if the meeting is still ahead and is dropped (with a log line) if it began.
 */
public final class MeetingNotices implements MeetingListener {

    private static final Logger log = LoggerFactory.getLogger(MeetingNotices.class);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    private final People people;
    private final Map<String, Room> rooms = new HashMap<>();
    private final Responses responses;
    private final SessionStore sessions;
    private final OutboundQueue outbound;
    private final Reminders reminders;
    private final MeetingBook meetings;
    private final List<Integer> offsets;
    private final Clock clock;

    public MeetingNotices(
            People people,
            List<Room> rooms,
            Responses responses,
            SessionStore sessions,
            OutboundQueue outbound,
            Reminders reminders,
            MeetingBook meetings,
            List<Integer> reminderMinutesBefore,
            Clock clock) {
        this.people = people;
        rooms.forEach(r -> this.rooms.put(r.id(), r));
        this.responses = responses;
        this.sessions = sessions;
        this.outbound = outbound;
        this.reminders = reminders;
        this.meetings = meetings;
        this.offsets = List.copyOf(reminderMinutesBefore);
        this.clock = clock;
    }

    @Override
    public void booked(Meeting meeting) {
        tell(meeting, meeting.invitees(), "utter_meeting_invitation", "invite", false);
        reminders.plan(meeting.id(), meeting.start().toInstant(), offsets, clock.instant());
    }

    @Override
    public void changed(Meeting before, Meeting after) {
        List<String> added = after.invitees().stream()
                .filter(id -> !before.invitees().contains(id))
                .toList();
        List<String> removed = before.invitees().stream()
                .filter(id -> !after.invitees().contains(id))
                .toList();
        List<String> kept =
                after.invitees().stream().filter(before.invitees()::contains).toList();
        tell(after, added, "utter_meeting_invitation", "invite", false);
        // a member invited again after being removed hears of it again: the version tells the messages apart
        String version = Integer.toHexString(
                java.util.Objects.hash(after.start(), after.end(), after.roomId(), after.title(), after.invitees()));
        tell(before, removed, "utter_meeting_uninvited", "uninvite-" + version, false);
        boolean moved = !before.start().isEqual(after.start())
                || !before.end().isEqual(after.end())
                || !before.roomId().equals(after.roomId())
                || !before.title().equals(after.title());
        if (moved) {
            tell(after, kept, "utter_meeting_changed", "change-" + version, false);
        }
        reminders.plan(after.id(), after.start().toInstant(), offsets, clock.instant());
    }

    @Override
    public void cancelled(Meeting meeting) {
        reminders.forget(meeting.id());
        tell(meeting, meeting.invitees(), "utter_meeting_cancelled", "cancel", false);
    }

    /**
     * Sends the reminders due now; returns how many messages were queued. After downtime several reminders of one
     * meeting may be due at once: only the last of them (the one nearest the meeting) goes out.
     */
    public int remindDue() {
        Instant now = clock.instant();
        int sent = 0;
        Map<String, Reminders.Due> latest = new java.util.LinkedHashMap<>();
        for (Reminders.Due due : reminders.takeDue(now, 100)) {
            latest.merge(due.meetingId(), due, (a, b) -> a.minutesBefore() <= b.minutesBefore() ? a : b);
        }
        for (Reminders.Due due : latest.values()) {
            var meeting = meetings.get(due.meetingId());
            if (meeting.isEmpty() || meeting.get().cancelled()) {
                continue;
            }
            if (!meeting.get().start().toInstant().isAfter(now)) {
                log.info(
                        "reminder for meeting {} dropped: it began at {}",
                        due.meetingId(),
                        meeting.get().start());
                continue;
            }
            sent += tell(
                    meeting.get(),
                    meeting.get().invitees(),
                    "utter_meeting_reminder",
                    "remind-" + due.minutesBefore(),
                    true);
        }
        return sent;
    }

    /** One message per account of each member in {@code whom}; reminders skip those who unsubscribed. */
    private int tell(Meeting m, List<String> whom, String template, String what, boolean reminder) {
        if (whom.isEmpty()) {
            return 0;
        }
        Room room = rooms.get(m.roomId());
        ZonedDateTime start = m.start().atZoneSameInstant(clock.getZone());
        ZonedDateTime end = m.end().atZoneSameInstant(clock.getZone());
        int sent = 0;
        for (Person person : people.all()) {
            if (person.kind() != Person.Kind.MEMBER || !whom.contains(person.id())) {
                continue;
            }
            for (Reporter r : people.reportersOf(person)) {
                Session session = sessions.load(r.channel(), r.userId());
                if (reminder && session.unsubscribed()) {
                    continue;
                }
                String lang = session.readerLanguage();
                Map<String, String> slots = Map.of(
                        "title", m.title(),
                        "month", Integer.toString(start.getMonthValue()),
                        "day", Integer.toString(start.getDayOfMonth()),
                        "start", HOUR.format(start),
                        "end", HOUR.format(end),
                        "room", room == null ? m.roomId() : room.name(),
                        "address", room == null ? "" : room.address(),
                        "issues", m.issues().isEmpty() ? "-" : String.join("、", m.issues()));
                outbound.enqueue(Outbound.notification(
                        "meeting:" + m.id() + ":" + what + ":" + r.channel() + ":" + r.userId(),
                        r.channel(),
                        r.userId(),
                        responses.render(template, lang, slots),
                        clock.instant()));
                sent++;
            }
        }
        return sent;
    }
}
