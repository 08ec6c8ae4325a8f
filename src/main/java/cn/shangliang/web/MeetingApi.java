package cn.shangliang.web;

import cn.shangliang.consultation.IssueBook;
import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.MeetingBook;
import cn.shangliang.consultation.MeetingDesk;
import cn.shangliang.consultation.MeetingListener;
import cn.shangliang.consultation.Room;
import cn.shangliang.consultation.Staff;
import cn.shangliang.consultation.Transition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rooms and meetings (DESIGN.md): staff within their scope create, change and cancel meetings; a clash with another
 * meeting of the same room is refused (409, naming it); the issues of a new meeting move to {@code scheduled}.
 */
final class MeetingApi {

    private final List<Room> rooms;
    private final MeetingBook meetings;
    private final IssueBook issues;
    private final BearerTokens tokens;
    private final ObjectMapper json = new ObjectMapper();

    private final MeetingListener listener;
    private final MeetingDesk desk;
    private final java.time.Clock clock;

    MeetingApi(
            List<Room> rooms,
            MeetingBook meetings,
            IssueBook issues,
            BearerTokens tokens,
            MeetingListener listener,
            java.time.Clock clock) {
        this.clock = clock;
        this.listener = listener;
        this.desk = new MeetingDesk(rooms, meetings, issues, listener);
        this.rooms = List.copyOf(rooms);
        this.meetings = meetings;
        this.issues = issues;
        this.tokens = tokens;
    }

    void routes(JavalinConfig config) {
        config.routes.get("/api/rooms", this::listRooms);
        config.routes.get("/api/rooms/{roomId}/schedule", this::schedule);
        config.routes.get("/api/rooms/{roomId}/calendar.ics", this::calendar);
        config.routes.post("/api/meetings", this::create);
        config.routes.get("/api/meetings/{id}", this::get);
        config.routes.patch("/api/meetings/{id}", this::update);
        config.routes.delete("/api/meetings/{id}", this::cancel);
        config.routes.post("/api/meetings/{id}/outcomes", this::outcomes);
    }

    private Optional<Staff> caller(Context ctx) {
        return tokens.caller(ctx, ctx.path().endsWith(".ics"));
    }

    private Optional<Room> room(String id) {
        return desk.room(id);
    }

    private void listRooms(Context ctx) {
        if (caller(ctx).isEmpty()) {
            return;
        }
        ctx.json(rooms.stream().map(MeetingApi::view).toList());
    }

    private void schedule(Context ctx) {
        if (caller(ctx).isEmpty()) {
            return;
        }
        Optional<Room> room = room(ctx.pathParam("roomId"));
        if (room.isEmpty()) {
            ctx.status(404).json(Map.of("error", "no such room"));
            return;
        }
        Instant from;
        Instant to;
        try {
            from = Optional.ofNullable(ctx.queryParam("from"))
                    .map(s -> OffsetDateTime.parse(s).toInstant())
                    .orElse(clock.instant());
            to = Optional.ofNullable(ctx.queryParam("to"))
                    .map(s -> OffsetDateTime.parse(s).toInstant())
                    .orElse(from.plusSeconds(7 * 24 * 3600));
        } catch (DateTimeParseException e) {
            ctx.status(400).json(Map.of("error", "from and to must be ISO-8601 times with offset"));
            return;
        }
        ctx.json(Map.of(
                "room",
                view(room.get()),
                "meetings",
                meetings.schedule(room.get().id(), from, to).stream()
                        .map(MeetingApi::view)
                        .toList()));
    }

    /** The room's meetings from 30 days ago to 180 days ahead, cancelled ones marked so, for calendar apps. */
    private void calendar(Context ctx) {
        if (caller(ctx).isEmpty()) {
            return;
        }
        Optional<Room> room = room(ctx.pathParam("roomId"));
        if (room.isEmpty()) {
            ctx.status(404).json(Map.of("error", "no such room"));
            return;
        }
        Instant now = clock.instant();
        List<Meeting> list = meetings.schedule(
                room.get().id(), now.minusSeconds(30L * 24 * 3600), now.plusSeconds(180L * 24 * 3600));
        ctx.contentType("text/calendar; charset=utf-8").result(ICalendar.of(room.get(), list, now));
    }

    private void create(Context ctx) {
        Optional<Staff> staff = caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        Optional<Meeting> meeting = parse(ctx, null, null);
        if (meeting.isEmpty() || !allowed(ctx, staff.get(), meeting.get())) {
            return;
        }
        switch (meetings.create(meeting.get())) {
            case MeetingBook.Booking.Booked b -> {
                warnNotScheduled(ctx, desk.schedule(staff.get(), b.meeting()));
                listener.booked(b.meeting());
                ctx.status(201).json(view(b.meeting()));
            }
            case MeetingBook.Booking.Clash c -> clash(ctx, c.other());
        }
    }

    private void get(Context ctx) {
        if (caller(ctx).isEmpty()) {
            return;
        }
        meetings.get(ctx.pathParam("id"))
                .ifPresentOrElse(
                        m -> {
                            Map<String, Object> v = view(m);
                            v.put("attendance", meetings.attendance(m.id()));
                            ctx.json(v);
                        },
                        () -> ctx.status(404).json(Map.of("error", "no such meeting")));
    }

    private void update(Context ctx) {
        Optional<Staff> staff = caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        Optional<Meeting> old = meetings.get(ctx.pathParam("id"));
        if (old.isEmpty() || old.get().cancelled()) {
            ctx.status(404).json(Map.of("error", "no such meeting"));
            return;
        }
        Optional<Meeting> changed = parse(ctx, old.get(), old.get().id());
        if (changed.isEmpty() || !allowed(ctx, staff.get(), old.get()) || !allowed(ctx, staff.get(), changed.get())) {
            return;
        }
        switch (desk.change(staff.get(), old.get().id(), m -> changed.get())) {
            case MeetingDesk.Change.Done d -> {
                warnNotScheduled(ctx, d.notScheduled());
                ctx.json(view(d.after()));
            }
            case MeetingDesk.Change.Clash c -> clash(ctx, c.other());
            case MeetingDesk.Change.NotFound n -> ctx.status(404).json(Map.of("error", "no such meeting"));
            case MeetingDesk.Change.Forbidden f -> ctx.status(403).json(Map.of("error", "outside your scope"));
            case MeetingDesk.Change.Invalid i -> ctx.status(400).json(Map.of("error", i.reason()));
        }
    }

    /**
     * {@code POST /api/meetings/{id}/outcomes} with {@code {"outcomes": {"QY-…": "…"}}} (or {@code {"outcome": "…"}}
     * for every issue): each of the meeting's issues named moves to {@code consulted} with its outcome.
     */
    private void outcomes(Context ctx) {
        Optional<Staff> staff = caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        Map<String, String> given = new LinkedHashMap<>();
        try {
            JsonNode body = json.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException();
            }
            JsonNode all = body.get("outcome");
            if (all != null && all.isTextual()) {
                given.put("", all.asText());
            }
            JsonNode each = body.get("outcomes");
            if (each != null) {
                if (!each.isObject()) {
                    throw new IllegalArgumentException();
                }
                each.properties()
                        .forEach(e -> given.put(
                                e.getKey().strip().toUpperCase(), e.getValue().asText()));
            }
        } catch (Exception e) {
            ctx.status(400)
                    .json(Map.of(
                            "error", "body must be {\"outcomes\": {tracking number: outcome}} or {\"outcome\": text}"));
            return;
        }
        String id = ctx.pathParam("id");
        String requestKey = "api-outcomes:" + id + ":" + Integer.toHexString(given.hashCode());
        switch (desk.record(requestKey, staff.get(), id, given)) {
            case MeetingDesk.Outcomes.Recorded r -> {
                Map<String, Object> results = new LinkedHashMap<>();
                r.results()
                        .forEach((number, t) -> results.put(
                                number,
                                switch (t) {
                                    case Transition.Done d ->
                                        d.issue().status().name().toLowerCase();
                                    case Transition.Refused f -> "refused: " + f.reason();
                                    case Transition.NotFound n -> "not found";
                                    case Transition.Forbidden f -> "outside your scope";
                                }));
                ctx.json(Map.of("meeting", id, "results", results));
            }
            case MeetingDesk.Outcomes.NotFound n -> ctx.status(404).json(Map.of("error", "no such meeting"));
            case MeetingDesk.Outcomes.Forbidden f -> ctx.status(403).json(Map.of("error", "outside your scope"));
            case MeetingDesk.Outcomes.Invalid i -> ctx.status(400).json(Map.of("error", i.reason()));
        }
    }

    private static void warnNotScheduled(Context ctx, List<String> numbers) {
        if (!numbers.isEmpty()) {
            ctx.header("X-Shangliang-Warning", "not scheduled: " + String.join(", ", numbers));
        }
    }

    private void cancel(Context ctx) {
        Optional<Staff> staff = caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        Optional<Meeting> old = meetings.get(ctx.pathParam("id"));
        if (old.isEmpty()) {
            ctx.status(404).json(Map.of("error", "no such meeting"));
            return;
        }
        if (!allowed(ctx, staff.get(), old.get())) {
            return;
        }
        Meeting cancelled = meetings.cancel(old.get().id()).orElseThrow();
        listener.cancelled(cancelled);
        ctx.json(view(cancelled));
    }

    /** The room must exist and be within the caller's scope. */
    private boolean allowed(Context ctx, Staff staff, Meeting meeting) {
        Optional<Room> room = room(meeting.roomId());
        if (room.isEmpty()) {
            ctx.status(400).json(Map.of("error", "unknown room " + meeting.roomId()));
            return false;
        }
        if (!staff.covers(room.get().place())) {
            ctx.status(403).json(Map.of("error", "outside your scope"));
            return false;
        }
        return true;
    }

    /** Reads a meeting from the body; fields missing in a PATCH keep the old values. */
    private Optional<Meeting> parse(Context ctx, Meeting old, String id) {
        try {
            JsonNode body = json.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            String room = text(body, "room", old == null ? null : old.roomId());
            String start = text(body, "start", old == null ? null : old.start().toString());
            String end = text(body, "end", old == null ? null : old.end().toString());
            if (room == null || start == null || end == null) {
                throw new IllegalArgumentException("room, start and end are required");
            }
            return Optional.of(new Meeting(
                    id,
                    room,
                    text(body, "title", old == null ? "" : old.title()),
                    OffsetDateTime.parse(start),
                    OffsetDateTime.parse(end),
                    list(body, "issues", old == null ? List.of() : old.issues()).stream()
                            .map(String::toUpperCase)
                            .toList(),
                    list(body, "invitees", old == null ? List.of() : old.invitees()),
                    false));
        } catch (DateTimeParseException e) {
            ctx.status(400).json(Map.of("error", "start and end must be ISO-8601 times with offset"));
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
        } catch (Exception e) {
            ctx.status(400).json(Map.of("error", "body must be a JSON object"));
        }
        return Optional.empty();
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    private static List<String> list(JsonNode body, String field, List<String> fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(field + " must be a list");
        }
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText().strip()));
        return out;
    }

    private static void clash(Context ctx, Meeting other) {
        ctx.status(409)
                .json(Map.of(
                        "error",
                        "the room is booked by meeting " + other.id() + " (" + other.title() + ")",
                        "clash",
                        view(other)));
    }

    private static Map<String, Object> view(Meeting m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", m.id());
        v.put("room", m.roomId());
        v.put("title", m.title());
        v.put("start", m.start().toString());
        v.put("end", m.end().toString());
        v.put("issues", m.issues());
        v.put("invitees", m.invitees());
        v.put("cancelled", m.cancelled());
        return v;
    }

    private static Map<String, Object> view(Room r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("name", r.name());
        v.put("town", r.town());
        v.put("village", r.village());
        v.put("address", r.address());
        v.put("capacity", r.capacity());
        v.put("hours", r.hours());
        return v;
    }
}
