package cn.shangliang.channel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A chat platform's webhook: checks and parses one platform request into a neutral {@link Inbound}. The web layer
 * serves it at {@link #path()} (GET and POST), queues what it accepts durably before answering, and answers 503 while
 * Redis is away. Platform types never leave the adapter's sub-package.
 */
public interface WebhookAdapter {

    /** The body limit of most platforms' callbacks: a few hundred bytes, with room for 4,000 characters of text. */
    int DEFAULT_MAX_BODY = 64 * 1024;

    /** The channel name of the messages this adapter accepts ({@code wecom}, {@code telegram} …). */
    String channel();

    /** The route: {@code /webhook/<channel>}. */
    default String path() {
        return "/webhook/" + channel();
    }

    /** Larger bodies are refused with {@link #tooLarge()} before they are read in full. */
    default int maxBodyBytes() {
        return DEFAULT_MAX_BODY;
    }

    /** The HTTP methods served at {@link #path()}; others are not routed. */
    default Set<String> methods() {
        return Set.of("GET", "POST");
    }

    /** The answer to a body over {@link #maxBodyBytes()}. */
    default Response tooLarge() {
        return Response.text(413, "body too large");
    }

    /** Decides what to do with one request. Must not touch Redis: the web layer queues what is accepted. */
    Verdict handle(Request request);

    /**
     * One HTTP request as the adapter sees it.
     *
     * @param method {@code GET} or {@code POST}
     * @param query query parameters (first value of each)
     * @param headers header values by lower-case name
     * @param body the raw body, at most {@link #maxBodyBytes()} bytes
     * @param receivedAt when Shangliang got it
     */
    record Request(
            String method, Map<String, String> query, Map<String, String> headers, byte[] body, Instant receivedAt) {
        public Request {
            Objects.requireNonNull(method, "method");
            query = Map.copyOf(query);
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        public String query(String name) {
            return query.getOrDefault(name, "");
        }

        public String header(String lowerCaseName) {
            return headers.getOrDefault(lowerCaseName, "");
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What the platform gets back. */
    record Response(int status, String contentType, byte[] body) {
        public Response {
            contentType = contentType == null ? "text/plain; charset=utf-8" : contentType;
            body = body == null ? new byte[0] : body;
        }

        public static Response text(int status, String text) {
            return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }

        public static Response json(int status, String json) {
            return new Response(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
        }

        public static Response xml(int status, String xml) {
            return new Response(status, "application/xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
        }

        public static Response empty(int status) {
            return new Response(status, null, new byte[0]);
        }
    }

    /** The adapter's decision on one request. */
    sealed interface Verdict {

        /** Answer now and queue nothing: URL verification, events Shangliang does not handle, messages not for it. */
        record Answer(Response response) implements Verdict {}

        /** Refuse: bad signature, bad body, stale timestamp … Nothing is queued; {@code reason} is logged. */
        record Reject(Response response, String reason) implements Verdict {}

        /**
         * Queue {@code message} durably, then answer {@code accepted}, or {@code duplicate} when its id was seen
         * before (a replay or a platform retry).
         */
        record Enqueue(Inbound message, Response accepted, Response duplicate) implements Verdict {}
    }
}
