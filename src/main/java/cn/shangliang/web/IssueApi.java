package cn.shangliang.web;

import cn.shangliang.consultation.IssueAction;
import cn.shangliang.consultation.IssueBook;
import cn.shangliang.consultation.IssueDetail;
import cn.shangliang.consultation.Lookup;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Staff;
import cn.shangliang.consultation.Transition;
import cn.shangliang.dialogue.Responses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The staff REST API for issues (DESIGN.md): bearer tokens, 401 without a valid one, 403 outside the caller's scope;
 * a refused action changes nothing. The reporter's identity is never part of an answer.
 */
final class IssueApi {

    private final IssueBook book;
    private final BearerTokens tokens;
    private final Responses responses;
    private final ObjectMapper json = new ObjectMapper();

    IssueApi(IssueBook book, BearerTokens tokens, Responses responses) {
        this.book = book;
        this.responses = responses;
        this.tokens = tokens;
    }

    void routes(JavalinConfig config) {
        config.routes.get("/api/issues/{trackingNo}", this::issue);
        config.routes.get("/api/queues", this::queue);
        config.routes.post("/api/issues/{trackingNo}/transitions", this::transition);
    }

    private Optional<Staff> caller(Context ctx) {
        return tokens.caller(ctx);
    }

    private void issue(Context ctx) {
        Optional<Staff> staff = caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        switch (book.detail(staff.get(), ctx.pathParam("trackingNo").toUpperCase(java.util.Locale.ROOT))) {
            case Lookup.NotFound<IssueDetail> n -> ctx.status(404).json(Map.of("error", "no such issue"));
            case Lookup.Forbidden<IssueDetail> f -> ctx.status(403).json(Map.of("error", "outside your scope"));
            case Lookup.Found<IssueDetail> found -> ctx.json(view(found.value()));
        }
    }

    private void queue(Context ctx) {
        Optional<Staff> staff = caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        Optional<Place> place = Place.parse(ctx.queryParam("place"));
        if (place.isEmpty()) {
            ctx.status(400).json(Map.of("error", "place=镇 or place=镇/村 is required"));
            return;
        }
        switch (book.queue(staff.get(), place.get())) {
            case Lookup.Forbidden<List<IssueBook.QueueEntry>> f ->
                ctx.status(403).json(Map.of("error", "outside your scope"));
            case Lookup.NotFound<List<IssueBook.QueueEntry>> n ->
                ctx.status(404)
                        .json(Map.of("error", "no such town: " + place.get().town()));
            case Lookup.Found<List<IssueBook.QueueEntry>> found -> {
                List<Map<String, Object>> items = found.value().stream()
                        .map(e -> {
                            Map<String, Object> v = view(e.issue());
                            v.put("overdue", e.overdue());
                            return v;
                        })
                        .toList();
                ctx.json(Map.of("place", place.get().toString(), "issues", items));
            }
        }
    }

    private void transition(Context ctx) throws Exception {
        Optional<Staff> staff = caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (Exception e) {
            ctx.status(400).json(Map.of("error", "body must be a JSON object"));
            return;
        }
        if (body == null || !body.isObject()) {
            ctx.status(400).json(Map.of("error", "body must be a JSON object"));
            return;
        }
        Map<String, String> fields = new HashMap<>();
        body.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
        Optional<IssueAction> action = IssueAction.parse(fields.get("action"), fields);
        if (action.isEmpty()) {
            ctx.status(400)
                    .json(Map.of(
                            "error",
                            "action must be one of move_up, move_down, merge_into, reject, schedule, record_outcome, report,"
                                    + " close, accept"));
            return;
        }
        String key = Optional.ofNullable(ctx.header("Idempotency-Key"))
                .filter(k -> !k.isBlank() && k.length() <= 128)
                .map(k -> "api:" + k)
                .orElse("api:" + UUID.randomUUID());
        Transition result =
                book.transition(key, staff.get(), ctx.pathParam("trackingNo").toUpperCase(), action.get());
        switch (result) {
            case Transition.Done d -> ctx.json(view(d.issue()));
            case Transition.NotFound n -> ctx.status(404).json(Map.of("error", "no such issue"));
            case Transition.Forbidden f -> ctx.status(403).json(Map.of("error", "outside your scope"));
            case Transition.Refused r ->
                ctx.status(409)
                        .json(Map.of(
                                "error", responses.renderNested("utter_refusal_reason", "en", reasonSlots(r)),
                                "reason", r.reason(),
                                "message", responses.renderNested("utter_refusal_reason", "zh", reasonSlots(r))));
        }
    }

    private static Map<String, String> reasonSlots(Transition.Refused r) {
        Map<String, String> slots = new HashMap<>(r.slots());
        slots.put("reason", r.reason());
        return slots;
    }

    private static Map<String, Object> view(IssueDetail d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", d.trackingNo());
        v.put("title", d.title());
        v.put("text", d.text());
        v.put("town", d.town());
        v.put("village", d.village());
        v.put("level", d.level().name().toLowerCase());
        v.put("status", d.status().name().toLowerCase());
        v.put("category", d.category());
        v.put("needs_review", d.needsReview());
        v.put("supporters", d.supporters());
        v.put("created_at", d.createdAt().toString());
        v.put("outcome", d.outcome());
        v.put("merged_into", d.mergedInto());
        v.put(
                "history",
                d.history().stream()
                        .map(h -> Map.of(
                                "at", h.at().toString(),
                                "by", h.actor(),
                                "action", h.action(),
                                "from", h.from().toLowerCase(),
                                "to", h.to().toLowerCase(),
                                "note", h.note()))
                        .toList());
        return v;
    }
}
