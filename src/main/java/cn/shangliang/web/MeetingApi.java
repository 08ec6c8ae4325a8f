package cn.shangliang.web;

import cn.shangliang.consultation.Lookup;
import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.MeetingDesk;
import cn.shangliang.consultation.MeetingResult;
import cn.shangliang.consultation.OpeningHours;
import cn.shangliang.consultation.Room;
import cn.shangliang.consultation.Staff;
import cn.shangliang.consultation.Transition;
import cn.shangliang.dialogue.Responses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Rooms and meetings (docs/api.md): a door onto {@link MeetingDesk}, which holds every rule and the scope. Writes take
 * an {@code Idempotency-Key} header (a fresh key when absent): a retried request answers what the first did. Errors
 * are {@code {"error": <English text from the catalogue>, "reason": <key>}}: 400 refused or invalid, 403 out of
 * scope, 404 unknown, 409 clash (with {@code "clash"}: the other meeting).
 */
final class MeetingApi {

    private static final String ERROR_LANGUAGE = "en";

    private final MeetingDesk desk;
    private final BearerTokens tokens;
    private final Responses responses;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    MeetingApi(MeetingDesk desk, BearerTokens tokens, Responses responses, Clock clock) {
        this.desk = desk;
        this.tokens = tokens;
        this.responses = responses;
        this.clock = clock;
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

    /** A request that is refused before it reaches the desk (bad body, bad times): the reason key and its slots. */
    private static final class BadRequest extends Exception {
        final String reason;

        BadRequest(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }

    private Optional<Staff> caller(Context ctx) {
        return tokens.caller(ctx, ctx.path().endsWith(".ics"));
    }

    /**
     * The request key of a write: the client's {@code Idempotency-Key} (a fresh one when absent), per method so that a
     * key reused for a DELETE is not taken for the POST it came with; long keys are hashed to keep Redis keys short.
     */
    private static String requestKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        String given = key == null || key.isBlank() ? UUID.randomUUID().toString() : key.strip();
        return "api:" + ctx.method() + ":" + (given.length() > 120 ? sha256(given) : given);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private void listRooms(Context ctx) {
        caller(ctx)
                .ifPresent(staff -> ctx.json(
                        desk.rooms(staff).stream().map(MeetingApi::view).toList()));
    }

    private void schedule(Context ctx) {
        Optional<Staff> staff = caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        Instant from;
        Instant to;
        try {
            from = Optional.ofNullable(ctx.queryParam("from"))
                    .map(s -> ApiTimes.parse(s).toInstant())
                    .orElse(clock.instant());
            to = Optional.ofNullable(ctx.queryParam("to"))
                    .map(s -> ApiTimes.parse(s).toInstant())
                    .orElse(from.plusSeconds(7 * 24 * 3600));
        } catch (DateTimeParseException e) {
            error(ctx, 400, "bad_times", Map.of());
            return;
        }
        String roomId = ctx.pathParam("roomId");
        found(
                ctx,
                desk.schedule(staff.get(), roomId, from, to),
                list -> ctx.json(Map.of(
                        "room",
                        view(desk.room(roomId).orElseThrow()),
                        "meetings",
                        list.stream().map(MeetingApi::view).toList())));
    }

    /** The room's meetings from 30 days ago to 180 days ahead, for calendar apps; the same scope as the schedule. */
    private void calendar(Context ctx) {
        Optional<Staff> staff = caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String roomId = ctx.pathParam("roomId");
        found(
                ctx,
                desk.schedule(
                        staff.get(), roomId, now.minusSeconds(30L * 24 * 3600), now.plusSeconds(180L * 24 * 3600)),
                list -> ctx.contentType("text/calendar; charset=utf-8")
                        .result(ICalendar.of(desk.room(roomId).orElseThrow(), list, now)));
    }

    private void get(Context ctx) {
        caller(ctx)
                .ifPresent(staff -> found(ctx, desk.meeting(staff, ctx.pathParam("id")), m -> {
                    Map<String, Object> v = view(m);
                    v.put("attendance", desk.attendance(m));
                    ctx.json(v);
                }));
    }

    private void create(Context ctx) {
        Optional<Staff> staff = caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        try {
            Meeting draft = meeting(object(ctx));
            answer(ctx, 201, desk.book(requestKey(ctx), staff.get(), draft));
        } catch (BadRequest e) {
            error(ctx, 400, e.reason, Map.of());
        }
    }

    /** PATCH: fields missing keep their values; the body is read before the desk sees it. */
    private void update(Context ctx) {
        Optional<Staff> staff = caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        Patch patch;
        try {
            patch = Patch.of(object(ctx));
        } catch (BadRequest e) {
            error(ctx, 400, e.reason, Map.of());
            return;
        }
        answer(ctx, 200, desk.change(requestKey(ctx), staff.get(), ctx.pathParam("id"), patch::applyTo));
    }

    /** The fields a PATCH gives (empty: keep the old value), read and checked before the meeting is loaded. */
    private record Patch(
            Optional<String> room,
            Optional<String> title,
            Optional<OffsetDateTime> start,
            Optional<OffsetDateTime> end,
            Optional<List<String>> issues,
            Optional<List<String>> invitees) {

        static Patch of(JsonNode body) throws BadRequest {
            try {
                return new Patch(
                        Optional.ofNullable(text(body, "room", null)),
                        Optional.ofNullable(text(body, "title", null)),
                        Optional.ofNullable(text(body, "start", null)).map(ApiTimes::parse),
                        Optional.ofNullable(text(body, "end", null)).map(ApiTimes::parse),
                        Optional.ofNullable(list(body, "issues", null))
                                .map(l -> l.stream().map(String::toUpperCase).toList()),
                        Optional.ofNullable(list(body, "invitees", null)));
            } catch (DateTimeParseException e) {
                throw new BadRequest("bad_times");
            }
        }

        /** The old meeting with the given fields; throws IllegalArgumentException when the times do not fit. */
        Meeting applyTo(Meeting old) {
            return new Meeting(
                    old.id(),
                    room.orElse(old.roomId()),
                    title.orElse(old.title()),
                    start.orElse(old.start()),
                    end.orElse(old.end()),
                    issues.orElse(old.issues()),
                    invitees.orElse(old.invitees()),
                    false);
        }
    }

    private void cancel(Context ctx) {
        caller(ctx).ifPresent(staff -> answer(ctx, 200, desk.cancel(requestKey(ctx), staff, ctx.pathParam("id"))));
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
            JsonNode body = object(ctx);
            JsonNode all = body.get("outcome");
            if (all != null && all.isTextual()) {
                given.put("", all.asText());
            }
            JsonNode each = body.get("outcomes");
            if (each != null) {
                if (!each.isObject()) {
                    throw new BadRequest("bad_outcomes");
                }
                each.properties()
                        .forEach(e -> given.put(
                                e.getKey().strip().toUpperCase(), e.getValue().asText()));
            }
        } catch (BadRequest e) {
            error(ctx, 400, "bad_outcomes", Map.of());
            return;
        }
        String id = ctx.pathParam("id");
        String key = ctx.header("Idempotency-Key");
        String requestKey = key == null || key.isBlank()
                ? "api-outcomes:" + id + ":" + Integer.toHexString(given.hashCode())
                : requestKey(ctx);
        switch (desk.record(requestKey, staff.get(), id, given)) {
            case MeetingDesk.Outcomes.Recorded r -> {
                Map<String, Object> results = new LinkedHashMap<>();
                r.results().forEach((number, t) -> results.put(number, outcome(t)));
                ctx.json(Map.of("meeting", id, "results", results));
            }
            case MeetingDesk.Outcomes.Refused r -> answer(ctx, 200, r.why());
        }
    }

    private static String outcome(Transition t) {
        return switch (t) {
            case Transition.Done d -> d.issue().status().name().toLowerCase();
            case Transition.Refused f -> "refused: " + f.reason();
            case Transition.NotFound n -> "not found";
            case Transition.Forbidden f -> "outside your scope";
        };
    }

    /** Renders a desk result: the meeting with {@code okStatus}, or the error. */
    private void answer(Context ctx, int okStatus, MeetingResult result) {
        switch (result) {
            case MeetingResult.Booked b -> {
                if (!b.notScheduled().isEmpty()) {
                    ctx.header("X-Shangliang-Warning", "not scheduled: " + String.join(", ", b.notScheduled()));
                }
                ctx.status(okStatus).json(view(b.meeting()));
            }
            case MeetingResult.Refused r -> error(ctx, 400, r.reason(), r.slots());
            case MeetingResult.Forbidden f -> error(ctx, 403, "forbidden", Map.of("id", f.id()));
            case MeetingResult.NotFound n -> error(ctx, 404, "meeting_not_found", Map.of("id", n.id()));
            case MeetingResult.Clash c -> {
                Map<String, Object> body = errorBody(
                        "meeting_clash",
                        Map.of("id", c.other().id(), "title", c.other().title()));
                body.put("clash", view(c.other()));
                ctx.status(409).json(body);
            }
        }
    }

    private <T> void found(Context ctx, Lookup<T> lookup, Consumer<T> render) {
        switch (lookup) {
            case Lookup.Found<T> f -> render.accept(f.value());
            case Lookup.NotFound<T> n ->
                error(
                        ctx,
                        404,
                        ctx.path().startsWith("/api/rooms") ? "room_not_found" : "meeting_not_found",
                        Map.of("id", n.id()));
            case Lookup.Forbidden<T> f -> error(ctx, 403, "forbidden", Map.of("id", f.id()));
        }
    }

    private void error(Context ctx, int status, String reason, Map<String, String> slots) {
        ctx.status(status).json(errorBody(reason, slots));
    }

    private Map<String, Object> errorBody(String reason, Map<String, String> slots) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", responses.render("refusal_" + reason, ERROR_LANGUAGE, slots));
        body.put("reason", reason);
        // the same refusal in Chinese, as transitions give it: what the staff console shows
        body.put("message", responses.render("refusal_" + reason, "zh", slots));
        return body;
    }

    private JsonNode object(Context ctx) throws BadRequest {
        try {
            JsonNode body = json.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw new BadRequest("bad_body");
            }
            return body;
        } catch (java.io.IOException e) {
            throw new BadRequest("bad_body");
        }
    }

    /** A new meeting from a POST body. */
    private static Meeting meeting(JsonNode body) throws BadRequest {
        String room = text(body, "room", null);
        String start = text(body, "start", null);
        String end = text(body, "end", null);
        if (room == null || start == null || end == null) {
            throw new BadRequest("missing_fields");
        }
        try {
            return new Meeting(
                    null,
                    room,
                    text(body, "title", ""),
                    ApiTimes.parse(start),
                    ApiTimes.parse(end),
                    list(body, "issues", List.of()).stream()
                            .map(String::toUpperCase)
                            .toList(),
                    list(body, "invitees", List.of()),
                    false);
        } catch (DateTimeParseException e) {
            throw new BadRequest("bad_times");
        } catch (IllegalArgumentException e) {
            throw new BadRequest("meeting_bad_times");
        }
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    private static List<String> list(JsonNode body, String field, List<String> fallback) throws BadRequest {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isArray()) {
            throw new BadRequest("not_a_list");
        }
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText().strip()));
        return out;
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
        v.put("hours", r.hours().text());
        v.put("open", open(r.hours()));
        return v;
    }

    /** The opening ranges, machine-readable: {@code [{days: ["mon", …], from: "08:30", to: "17:00"}]}, [] = always. */
    private static List<Map<String, Object>> open(OpeningHours hours) {
        return hours.ranges().stream()
                .map(r -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put(
                            "days",
                            r.days().stream()
                                    .sorted()
                                    .map(d -> d.name().substring(0, 3).toLowerCase())
                                    .toList());
                    v.put("from", r.from().toString());
                    v.put("to", r.to().toString());
                    return v;
                })
                .toList();
    }
}
