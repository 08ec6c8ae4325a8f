package cn.shangliang.consultation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one place that decides what a staff member may see and do, for reads as well as writes. Every door (chat
 * commands, REST, console, calendar feeds, reports) asks here and nowhere else.
 *
 * <p>Scope: the city-wide administrator acts everywhere; a town's staff on their town, its villages and all their
 * rooms; a village's staff on their village's village-level issues and their village's rooms. An issue may go on a
 * meeting only when the staff member may act on it and it belongs where the meeting's room is: a town room takes
 * any issue of its town, a village room only village-level issues of its village.
 */
public final class Access {

    private final Map<String, Room> rooms;

    public Access(List<Room> rooms) {
        this.rooms = rooms.stream().collect(Collectors.toUnmodifiableMap(Room::id, Function.identity()));
    }

    /** May the staff member see and act on an issue in this place at this level. */
    public boolean issue(Staff staff, String town, String village, Topic.Level level) {
        return staff.covers(town, village, level);
    }

    public boolean issue(Staff staff, IssueDetail issue) {
        return issue(staff, issue.town(), issue.village(), issue.level());
    }

    /** May the staff member see the queue of {@code 镇} or {@code 镇/村}. */
    public boolean queue(Staff staff, Place place) {
        return staff.covers(place);
    }

    /** May the staff member see the room's schedule and calendar and book it. */
    public boolean room(Staff staff, Room room) {
        return staff.covers(room.place());
    }

    public Optional<Room> roomById(String id) {
        return Optional.ofNullable(id).map(rooms::get);
    }

    /** The rooms the staff member may see, in the configured order. */
    public List<Room> rooms(Staff staff, List<Room> all) {
        return all.stream().filter(r -> room(staff, r)).toList();
    }

    /** May the staff member see or change the meeting: its room is known and in scope. */
    public boolean meeting(Staff staff, Meeting meeting) {
        return roomById(meeting.roomId()).filter(r -> room(staff, r)).isPresent();
    }

    /** May the issue be put on a meeting in this room by this staff member. */
    public boolean issueOnMeeting(Staff staff, Room room, IssueDetail issue) {
        if (!issue(staff, issue) || !room.town().equals(issue.town())) {
            return false;
        }
        return room.village().isEmpty()
                || (issue.level() == Topic.Level.VILLAGE && room.village().equals(issue.village()));
    }

    /**
     * May the staff member issue a binding code to this person: someone within their scope; people without a scope
     * (the leadership office) only by city-wide staff.
     */
    public boolean person(Staff staff, Person person) {
        return person.scope() == null ? staff.cityWide() : staff.covers(person.scope());
    }

    /** May the staff member see a town's figures (weekly table row, digests): city-wide, or staff of that town. */
    public boolean townFigures(Staff staff, String town) {
        return staff.cityWide() || staff.scope().town().equals(town);
    }
}
