package cn.shangliang.web;

import cn.shangliang.consultation.AuditLog;
import cn.shangliang.consultation.Staff;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The audit log of staff API calls: every {@code /api/…} request of an identified staff member is recorded after it is
 * answered (who, when, method and path, status), and {@code GET /api/audit} lets the administrator (the city-wide
 * token) read it, newest first.
 */
final class AuditApi {

    static final String STAFF_ATTRIBUTE = "shangliang.staff";
    private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");
    private static final int MAX_LIMIT = 1000;

    private final AuditLog audit;
    private final BearerTokens tokens;
    private final Clock clock;

    AuditApi(AuditLog audit, BearerTokens tokens, Clock clock) {
        this.audit = audit;
        this.tokens = tokens;
        this.clock = clock;
    }

    void routes(JavalinConfig config) {
        config.routes.get("/api/audit", this::read);
        config.routes.after("/api/*", this::record);
    }

    /** After every API request: who did what, if a staff member was identified. */
    private void record(Context ctx) {
        Object staff = ctx.attribute(STAFF_ATTRIBUTE);
        if (staff instanceof Staff s) {
            String method = ctx.method().name();
            String action = method.equals("GET") || method.equals("HEAD") ? "read" : "change";
            String query =
                    ctx.queryString() == null ? "" : "?" + ctx.queryString().replaceAll("token=[^&]*", "token=…");
            audit.record(new AuditLog.Entry(
                    "", clock.instant(), s.id(), action, ctx.path() + query, method + " " + ctx.statusCode()));
        }
    }

    private void read(Context ctx) {
        Optional<Staff> staff = tokens.caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        if (!staff.get().cityWide()) {
            ctx.status(403).json(Map.of("error", "the audit log is for the administrator token only"));
            return;
        }
        String before = Optional.ofNullable(ctx.queryParam("before")).orElse("");
        if (!before.isEmpty() && !ENTRY_ID.matcher(before).matches()) {
            ctx.status(400).json(Map.of("error", "before must be an entry id such as 1764130000000-0"));
            return;
        }
        int limit;
        try {
            limit = Integer.parseInt(
                    Optional.ofNullable(ctx.queryParam("limit")).orElse("100"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            ctx.status(400).json(Map.of("error", "limit must be 1 to " + MAX_LIMIT));
            return;
        }
        List<AuditLog.Entry> entries = audit.recent(before, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", entries.stream().map(AuditApi::view).toList());
        body.put("next", entries.size() == limit ? entries.getLast().id() : "");
        ctx.json(body);
    }

    private static Map<String, Object> view(AuditLog.Entry e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", e.id());
        v.put("at", e.at().toString());
        v.put("who", e.who());
        v.put("action", e.action());
        v.put("what", e.what());
        v.put("detail", e.detail());
        return v;
    }
}
