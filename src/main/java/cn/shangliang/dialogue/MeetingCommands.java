package cn.shangliang.dialogue;

import cn.shangliang.consultation.Lookup;
import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.MeetingDesk;
import cn.shangliang.consultation.MeetingResult;
import cn.shangliang.consultation.People;
import cn.shangliang.consultation.Person;
import cn.shangliang.consultation.Room;
import cn.shangliang.consultation.Staff;
import cn.shangliang.consultation.Transition;
import cn.shangliang.dialogue.entities.ChineseDates;
import cn.shangliang.dialogue.entities.DateSpan;
import cn.shangliang.dialogue.entities.EntityExtractor;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Staff's meeting commands by chat, within their scope: book ({@code 开会 qy-town 12月2日 14:00-16:00 停车协商会}),
 * change ({@code 改会 qy-town.3 12月3日 15:00-17:00}), invite members ({@code 邀请 qy-town.3 member-qy-01 张委员}),
 * put issues on the agenda ({@code 上会 qy-town.3 QY-20261126-0042}), record outcomes in one step
 * ({@code 会议结果 qy-town.3 QY-… 同意增设路灯；QY-… 下月再议}, or one outcome for every issue), and cancel
 * ({@code 取消会议 qy-town.3}).
 */
final class MeetingCommands {

    private static final Pattern TIME_RANGE =
            Pattern.compile("(\\d{1,2})[:：](\\d{2})\\s*[-–~到至]\\s*(\\d{1,2})[:：](\\d{2})");
    private static final Pattern ROOM_ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern MEETING_ID = Pattern.compile("[a-z0-9][a-z0-9_-]*\\.\\d+");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[\\s,，、;；]+");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    private final MeetingDesk desk;
    private final People people;
    private final Clock clock;
    private final Optional<cn.shangliang.consultation.AuditLog> audit;

    MeetingCommands(Commands.Meetings meetings) {
        this.desk = meetings.desk();
        this.people = meetings.people();
        this.clock = meetings.clock();
        this.audit = Optional.ofNullable(meetings.audit());
    }

    /** Whether {@code rest} can be the arguments of the command: a room id or a meeting id first. */
    static boolean looksLike(CommandName name, String rest) {
        String first = rest.strip().split("\\s+", 2)[0];
        return name == CommandName.MEETING
                ? ROOM_ID.matcher(first).matches()
                : MEETING_ID.matcher(first).matches();
    }

    private static List<Say> say(String template, Map<String, String> slots) {
        return List.of(new Say(template, slots));
    }

    List<Say> run(CommandName name, String messageKey, Staff staff, String rest) {
        String[] parts = rest.strip().split("\\s+", 2);
        String id = parts[0];
        String args = parts.length > 1 ? parts[1].strip() : "";
        String requestKey = "chat:" + messageKey;
        List<Say> said = dispatch(name, messageKey, requestKey, staff, id, args);
        audit.ifPresent(log -> log.record(new cn.shangliang.consultation.AuditLog.Entry(
                "",
                clock.instant(),
                staff.id(),
                name == CommandName.MEETING_VIEW ? "read" : "change",
                id,
                "chat: " + name.name().toLowerCase(java.util.Locale.ROOT) + " "
                        + (said.isEmpty() ? "" : said.get(0).key()))));
        return said;
    }

    private List<Say> dispatch(
            CommandName name, String messageKey, String requestKey, Staff staff, String id, String args) {
        return switch (name) {
            case MEETING -> book(requestKey, staff, id, args);
            case CANCEL_MEETING -> cancel(requestKey, staff, id);
            case CHANGE_MEETING -> change(requestKey, staff, id, args);
            case INVITE -> invite(requestKey, staff, id, args);
            case MEETING_ISSUES -> agenda(requestKey, staff, id, args);
            case MEETING_OUTCOME -> outcomes(messageKey, staff, id, args);
            case MEETING_VIEW -> view(staff, id);
            case QUEUE,
                    VIEW,
                    FOLLOW,
                    ACCEPT,
                    MOVE_UP,
                    MOVE_DOWN,
                    MERGE_INTO,
                    REJECT,
                    SCHEDULE,
                    RECORD_OUTCOME,
                    REPORT,
                    CLOSE,
                    BINDING_CODE -> throw new IllegalArgumentException("not a meeting command: " + name);
        };
    }

    /** {@code 开会 <room id> <date> <HH:MM>-<HH:MM> <title>}: scope, hours and clashes are the desk's. */
    private List<Say> book(String requestKey, Staff staff, String roomId, String args) {
        var help = say("utter_meeting_command_help", Map.of());
        Matcher times = TIME_RANGE.matcher(args);
        if (desk.room(roomId).isEmpty() || !times.find()) {
            return help;
        }
        Optional<LocalDate> day = day(args.substring(0, times.start()));
        if (day.isEmpty()) {
            return help;
        }
        Meeting draft;
        try {
            draft = new Meeting(
                    null,
                    roomId,
                    args.substring(times.end()).strip(),
                    at(day.get(), times.group(1), times.group(2)),
                    at(day.get(), times.group(3), times.group(4)),
                    List.of(),
                    List.of(),
                    false);
        } catch (DateTimeException | IllegalArgumentException e) {
            return help;
        }
        return switch (desk.book(requestKey, staff, draft)) {
            case MeetingResult.Booked b -> say("utter_meeting_booked", slots(b.meeting()));
            case MeetingResult.Forbidden f -> say("utter_not_in_scope", Map.of("tracking_no", roomName(roomId)));
            case MeetingResult other -> refused(roomId, other);
        };
    }

    /** {@code 取消会议 <meeting id>}. */
    private List<Say> cancel(String requestKey, Staff staff, String id) {
        return switch (desk.cancel(requestKey, staff, id)) {
            case MeetingResult.Booked b ->
                say(
                        "utter_meeting_cancelled_done",
                        Map.of("id", id, "title", b.meeting().title()));
            case MeetingResult other -> refused(id, other);
        };
    }

    /**
     * {@code 改会 <meeting id> [date] [HH:MM-HH:MM] [new title]}: a date alone keeps the hours, hours alone keep the
     * day; a title is read after the hours.
     */
    private List<Say> change(String requestKey, Staff staff, String id, String args) {
        var help = say("utter_meeting_change_help", Map.of());
        Matcher times = TIME_RANGE.matcher(args);
        boolean hasTimes = times.find();
        Optional<LocalDate> day = day(hasTimes ? args.substring(0, times.start()) : args);
        String title = hasTimes ? args.substring(times.end()).strip() : "";
        if (!hasTimes && day.isEmpty()) {
            return help;
        }
        try {
            return changed(id, desk.change(requestKey, staff, id, m -> {
                LocalDate d =
                        day.orElse(m.start().atZoneSameInstant(clock.getZone()).toLocalDate());
                OffsetDateTime start = hasTimes
                        ? at(d, times.group(1), times.group(2))
                        : at(d, m.start().atZoneSameInstant(clock.getZone()).toLocalTime());
                OffsetDateTime end = hasTimes
                        ? at(d, times.group(3), times.group(4))
                        : at(d, m.end().atZoneSameInstant(clock.getZone()).toLocalTime());
                return new Meeting(
                        m.id(),
                        m.roomId(),
                        title.isEmpty() ? m.title() : title,
                        start,
                        end,
                        m.issues(),
                        m.invitees(),
                        false);
            }));
        } catch (DateTimeException e) {
            return help;
        }
    }

    /** {@code 邀请 <meeting id> <member id or name> …}: every name must be a member of the roster. */
    private List<Say> invite(String requestKey, Staff staff, String id, String args) {
        List<String> ids = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String word : LIST_SEPARATOR.split(args)) {
            if (word.isEmpty()) {
                continue;
            }
            Optional<Person> member = people.all().stream()
                    .filter(p -> p.kind() == Person.Kind.MEMBER)
                    .filter(p -> p.id().equals(word) || p.name().equals(word))
                    .findFirst();
            member.ifPresentOrElse(
                    p -> {
                        ids.add(p.id());
                        names.add(p.name());
                    },
                    () -> unknown.add(word));
        }
        if (!unknown.isEmpty()) {
            return say("utter_meeting_unknown_members", Map.of("names", String.join("、", unknown)));
        }
        if (ids.isEmpty()) {
            return say("utter_meeting_change_help", Map.of());
        }
        var result = desk.change(requestKey, staff, id, m -> {
            LinkedHashSet<String> all = new LinkedHashSet<>(m.invitees());
            all.addAll(ids);
            return new Meeting(m.id(), m.roomId(), m.title(), m.start(), m.end(), m.issues(), List.copyOf(all), false);
        });
        if (result instanceof MeetingResult.Booked d) {
            return say(
                    "utter_meeting_invited_done",
                    Map.of(
                            "names",
                            String.join("、", names),
                            "id",
                            id,
                            "title",
                            d.meeting().title()));
        }
        return changed(id, result);
    }

    /** {@code 上会 <meeting id> <tracking number> …}: the issues join the agenda and move to scheduled. */
    private List<Say> agenda(String requestKey, Staff staff, String id, String args) {
        List<String> numbers = EntityExtractor.trackingNumbers(args);
        if (numbers.isEmpty()) {
            return say("utter_meeting_change_help", Map.of());
        }
        var result = desk.change(requestKey, staff, id, m -> {
            LinkedHashSet<String> all = new LinkedHashSet<>(m.issues());
            all.addAll(numbers);
            return new Meeting(
                    m.id(), m.roomId(), m.title(), m.start(), m.end(), List.copyOf(all), m.invitees(), false);
        });
        if (result instanceof MeetingResult.Booked d) {
            List<String> scheduled =
                    numbers.stream().filter(n -> !d.notScheduled().contains(n)).toList();
            List<Say> replies = new ArrayList<>();
            if (!scheduled.isEmpty()) {
                replies.add(new Say(
                        "utter_meeting_issues_done",
                        Map.of(
                                "issues",
                                String.join("、", scheduled),
                                "id",
                                id,
                                "title",
                                d.meeting().title())));
            }
            if (!d.notScheduled().isEmpty()) {
                replies.add(new Say(
                        "utter_meeting_issues_not_scheduled", Map.of("issues", String.join("、", d.notScheduled()))));
            }
            return replies;
        }
        return changed(id, result);
    }

    /**
     * {@code 会议结果 <meeting id> QY-… 结果；QY-… 结果}: each tracking number takes the text up to the next one; text
     * before the first number (or without any) is the outcome of every issue not named.
     */
    private List<Say> outcomes(String messageKey, Staff staff, String id, String args) {
        Map<String, String> given = new LinkedHashMap<>();
        Matcher numbers = EntityExtractor.TRACKING_NO.matcher(args);
        int previousEnd = -1;
        String previous = "";
        while (numbers.find()) {
            if (previousEnd < 0) {
                given.put("", args.substring(0, numbers.start()));
            } else {
                given.put(previous, args.substring(previousEnd, numbers.start()));
            }
            previous = numbers.group().toUpperCase();
            previousEnd = numbers.end();
        }
        if (previousEnd < 0) {
            given.put("", args);
        } else {
            given.put(previous, args.substring(previousEnd));
        }
        given.replaceAll((k, v) -> v.replaceAll("^[\\s:：,，;；。]+|[\\s,，;；]+$", ""));
        return switch (desk.record("chat:" + messageKey, staff, id, given)) {
            case MeetingDesk.Outcomes.Recorded r -> {
                List<String> done = new ArrayList<>();
                List<String> refused = new ArrayList<>();
                r.results().forEach((number, t) -> (t instanceof Transition.Done ? done : refused).add(number));
                List<Say> replies = new ArrayList<>();
                if (!done.isEmpty()) {
                    replies.add(new Say(
                            "utter_meeting_outcomes_done",
                            Map.of(
                                    "id",
                                    id,
                                    "count",
                                    Integer.toString(done.size()),
                                    "issues",
                                    String.join("、", done))));
                }
                if (!refused.isEmpty()) {
                    replies.add(new Say("utter_meeting_outcomes_refused", Map.of("issues", String.join("、", refused))));
                }
                yield replies;
            }
            case MeetingDesk.Outcomes.Refused r ->
                r.why() instanceof MeetingResult.Refused
                        ? say("utter_meeting_outcome_help", Map.of("id", id))
                        : refused(id, r.why());
        };
    }

    /** {@code 会议详情 <meeting id>}: time, room, agenda, and who comes, who sent apologies, who has not answered. */
    private List<Say> view(Staff staff, String id) {
        return switch (desk.meeting(staff, id)) {
            case Lookup.Found<Meeting> f -> view(f.value());
            case Lookup.NotFound<Meeting> n -> say("utter_meeting_not_found", Map.of("id", id));
            case Lookup.Forbidden<Meeting> f -> say("utter_not_in_scope", Map.of("tracking_no", id));
        };
    }

    private List<Say> view(Meeting meeting) {
        Map<String, String> answers = desk.attendance(meeting);
        List<String> coming = new ArrayList<>();
        List<String> away = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        for (String member : meeting.invitees()) {
            String name = people.byId(member)
                    .map(p -> p.name().isEmpty() ? p.id() : p.name())
                    .orElse(member);
            String answer = answers.getOrDefault(member, "");
            if (answer.equals("attend")) {
                coming.add(name);
            } else if (answer.startsWith("leave")) {
                String reason = answer.startsWith("leave: ") ? answer.substring("leave: ".length()) : "";
                away.add(reason.isEmpty() ? name : name + "（" + reason + "）");
            } else {
                silent.add(name);
            }
        }
        Map<String, String> slots = new java.util.HashMap<>(slots(meeting));
        slots.put("issues", meeting.issues().isEmpty() ? "-" : String.join("、", meeting.issues()));
        slots.put("coming", coming.isEmpty() ? "-" : String.join("、", coming));
        slots.put("away", away.isEmpty() ? "-" : String.join("、", away));
        slots.put("silent", silent.isEmpty() ? "-" : String.join("、", silent));
        return say(meeting.cancelled() ? "utter_meeting_view_cancelled" : "utter_meeting_view", slots);
    }

    private List<Say> changed(String id, MeetingResult result) {
        return switch (result) {
            case MeetingResult.Booked b -> say("utter_meeting_changed_done", slots(b.meeting()));
            case MeetingResult other -> refused(id, other);
        };
    }

    /** Why nothing was done, politely: the rule's reason from the catalogue, a clash naming the other meeting. */
    private static List<Say> refused(String id, MeetingResult result) {
        return switch (result) {
            case MeetingResult.Booked b -> throw new IllegalArgumentException("not a refusal: " + b);
            case MeetingResult.Clash c ->
                say(
                        "utter_meeting_clash",
                        Map.of("id", c.other().id(), "title", c.other().title()));
            case MeetingResult.NotFound n -> say("utter_meeting_not_found", Map.of("id", n.id()));
            case MeetingResult.Forbidden f -> say("utter_not_in_scope", Map.of("tracking_no", id));
            case MeetingResult.Refused r -> say("refusal_" + r.reason(), r.slots());
        };
    }

    private String roomName(String roomId) {
        return desk.room(roomId).map(Room::name).orElse(roomId);
    }

    private Map<String, String> slots(Meeting m) {
        var start = m.start().atZoneSameInstant(clock.getZone());
        var end = m.end().atZoneSameInstant(clock.getZone());
        String room = desk.room(m.roomId()).map(Room::name).orElse(m.roomId());
        return Map.of(
                "id", m.id(),
                "title", m.title(),
                "room", room,
                "month", Integer.toString(start.getMonthValue()),
                "day", Integer.toString(start.getDayOfMonth()),
                "start", HOUR.format(start),
                "end", HOUR.format(end));
    }

    private Optional<LocalDate> day(String text) {
        return ChineseDates.find(text, LocalDate.now(clock)).map(DateSpan::from);
    }

    private OffsetDateTime at(LocalDate day, String hour, String minute) {
        return at(day, LocalTime.of(Integer.parseInt(hour), Integer.parseInt(minute)));
    }

    private OffsetDateTime at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(clock.getZone()).toOffsetDateTime();
    }
}
