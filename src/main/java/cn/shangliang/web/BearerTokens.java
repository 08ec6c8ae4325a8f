package cn.shangliang.web;

import cn.shangliang.consultation.Staff;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one reader of staff credentials: {@code Authorization: Bearer <token>}, or {@code ?token=} on calendar feeds
 * (calendar apps subscribe by URL and cannot send headers). Answers 401 itself when there is no known token.
 */
final class BearerTokens {

    private static final String PREFIX = "Bearer ";

    private final Function<String, Optional<Staff>> tokens;

    BearerTokens(Function<String, Optional<Staff>> tokens) {
        this.tokens = tokens;
    }

    /** The calling staff member, or empty after answering 401. */
    Optional<Staff> caller(Context ctx) {
        return caller(ctx, false);
    }

    /** As {@link #caller(Context)}, also taking {@code ?token=} when {@code queryAllowed} (calendar feeds only). */
    Optional<Staff> caller(Context ctx, boolean queryAllowed) {
        String header = ctx.header("Authorization");
        Optional<Staff> staff = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? tokens.apply(header.substring(PREFIX.length()).strip())
                : Optional.empty();
        if (staff.isEmpty() && queryAllowed && ctx.queryParam("token") != null) {
            staff = tokens.apply(ctx.queryParam("token"));
        }
        if (staff.isEmpty()) {
            ctx.status(401).json(Map.of("error", "missing or unknown bearer token"));
        } else {
            ctx.attribute(AuditApi.STAFF_ATTRIBUTE, staff.get()); // the audit log records the request after it
        }
        return staff;
    }
}
