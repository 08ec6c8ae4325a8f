package cn.shangliang.channel.webchat;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.InboundQueue;
import cn.shangliang.channel.Inbox;
import cn.shangliang.channel.PipelineMetrics;
import cn.shangliang.channel.TextLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web chat's protocol over one WebSocket per browser tab.
 *
 * <p>Client → server: {@code {"type":"message","id":"<client id>","text":"…"}}, or {@code {"type":"voice","id":…}}
 * for a voice recording the page could not turn into words (the bot asks to type it). Server → client: {@code
 * {"type":"ack","id":…}} once the message is durably queued (with {@code "duplicate":true} for a resend), {@code
 * {"type":"error","id":…,"error":…}} when refused, {@code {"type":"reply","entry":…,"text":…,"in_reply_to":…,"reply_id":…}} for each
 * reply. A client that reconnects passes the last entry it saw as {@code since} and receives what it missed.
 *
 * <p>A uid is a bearer name, so the server binds it to a session token: the first connection under a new uid claims
 * it, and its {@code hello} carries the token ({@code {"type":"hello","user":…,"token":…}}); every later connection
 * under that uid must pass it as {@code token}, or it is closed (1008) before it can read or send anything. A message
 * over an abuse limit ({@link WebChatLimits}) gets {@code {"type":"error","id":…,"code":"rate_limited"|"busy",
 * "retry_after_ms":…}} instead of an ack, and is not queued.
 *
 * <p>{@code hello} carries {@code "place"} only when the page's preset place ({@code ?place=镇/村}) is a configured one,
 * so the page never shows a place the bot will reject. {@code {"type":"ping"}} is answered with {@code
 * {"type":"pong"}} at once and does not count against the flood limit: the page uses it to notice a dead connection
 * within seconds (browsers cannot see WebSocket pings).
 */
public final class WebChatHub {

    public static final String CHANNEL = "webchat";
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger(WebChatHub.class);
    private static final String PING = "{\"type\":\"ping\"}";
    private static final String PONG = "{\"type\":\"pong\"}";

    private final InboundQueue queue;
    private final Inbox inbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final PipelineMetrics metrics;
    private final WebChatLimits limits;
    private final WebChatGate gate;
    private final SessionTokens tokens;
    private final WebChatClaims claims;
    private final Predicate<String> placeKnown;
    private final Map<String, Set<Session>> byUser = new ConcurrentHashMap<>();
    private final Map<WebChatConnection, Session> sessions = new ConcurrentHashMap<>();

    private static final class Session {
        final WebChatConnection connection;
        final Map<String, String> attributes;
        String lastEntry;
        long windowStart;
        int inWindow;

        Session(WebChatConnection connection, Map<String, String> attributes, String lastEntry) {
            this.connection = connection;
            this.attributes = attributes;
            this.lastEntry = lastEntry;
        }
    }

    /** What the hub works with besides the pipeline: the abuse limits, the token signer and the uid claims. */
    public record Guard(WebChatLimits limits, WebChatGate gate, SessionTokens tokens, WebChatClaims claims) {}

    public WebChatHub(
            InboundQueue queue,
            Inbox inbox,
            ObjectMapper mapper,
            Clock clock,
            PipelineMetrics metrics,
            Guard guard,
            Predicate<String> placeKnown) {
        this.placeKnown = placeKnown;
        this.queue = queue;
        this.inbox = inbox;
        this.mapper = mapper;
        this.clock = clock;
        this.metrics = metrics;
        this.limits = guard.limits();
        this.gate = guard.gate();
        this.tokens = guard.tokens();
        this.claims = guard.claims();
    }

    /** Whether a new connection from {@code address} may open (checked before the WebSocket upgrade). */
    public WebChatGate.Verdict admit(String address) {
        return gate.connection(address);
    }

    /** The header that holds the client's address behind a reverse proxy; "" for the socket's peer address. */
    public String addressHeader() {
        return limits.addressHeader();
    }

    /**
     * Registers a connection and sends it the replies after {@code since} ("" for none, "0" for all kept). A uid that
     * is already claimed needs its session token; a uid claimed now starts with no history, whatever {@code since}
     * says.
     */
    public void connected(WebChatConnection connection, String place, String since, String token) {
        String uid = connection.userId();
        boolean fresh = false;
        if (tokens.valid(uid, token)) {
            claims.refresh(uid, limits.claimFor());
        } else if (claims.claim(uid, limits.claimFor())) {
            fresh = true;
        } else {
            metrics.webChatRefused("connection", "token");
            connection.close(1008, "session token required for this uid");
            return;
        }
        Map<String, String> attributes = new HashMap<>();
        if (place != null && !place.isBlank() && place.length() <= 64) {
            attributes.put("place", place.strip());
        }
        String start = fresh || since == null || since.isBlank() ? currentEnd(uid) : since;
        Session session = new Session(connection, Map.copyOf(attributes), start);
        sessions.put(connection, session);
        byUser.computeIfAbsent(uid, k -> ConcurrentHashMap.newKeySet()).add(session);
        ObjectNode hello =
                mapper.createObjectNode().put("type", "hello").put("user", uid).put("token", tokens.issue(uid));
        String preset = attributes.get("place");
        if (preset != null && placeKnown.test(preset)) {
            hello.put("place", preset);
        }
        connection.send(hello.toString());
        flush(session);
    }

    private String currentEnd(String userId) {
        List<Inbox.Entry> all = inbox.after(CHANNEL, userId, "0", 1000);
        return all.isEmpty() ? "0" : all.get(all.size() - 1).entryId();
    }

    public void disconnected(WebChatConnection connection) {
        Session session = sessions.remove(connection);
        if (session != null) {
            Set<Session> set = byUser.get(connection.userId());
            if (set != null) {
                set.remove(session);
                byUser.computeIfPresent(connection.userId(), (k, v) -> v.isEmpty() ? null : v);
            }
        }
    }

    /** One text frame from a browser. */
    public void received(WebChatConnection connection, String frame) {
        Session session = sessions.get(connection);
        if (session == null) {
            return;
        }
        if (PING.equals(frame)) {
            connection.send(PONG);
            return;
        }
        if (flooding(session)) {
            log.warn(
                    "web chat user {} sent more than {} messages in {} over one connection; connection closed",
                    connection.userId(),
                    limits.perConnectionFlood(),
                    limits.window());
            connection.close(1008, "too many messages");
            return;
        }
        JsonNode node;
        try {
            node = mapper.readTree(frame);
        } catch (JsonProcessingException e) {
            error(connection, "", "message is not valid JSON");
            return;
        }
        String type = node == null ? "" : node.path("type").asText();
        if (!"message".equals(type) && !"voice".equals(type)) {
            error(connection, "", "unknown frame type");
            return;
        }
        String id = node.path("id").asText("");
        if (!MESSAGE_ID.matcher(id).matches()) {
            error(connection, "", "id must be 1-64 letters, digits or _.:-");
            return;
        }
        if ("voice".equals(type)) { // the page recorded speech it cannot turn into words: the bot asks to type it
            if (admitted(session, id)) {
                enqueue(session, id, "", Map.of(Inbound.VOICE, Inbound.VOICE_UNRECOGNISED));
            }
            return;
        }
        String text = node.path("text").isTextual() ? node.path("text").asText() : "";
        Optional<String> problem = TextLimits.problem(text);
        if (problem.isPresent()) {
            metrics.rejected(CHANNEL, 422);
            error(connection, id, problem.get());
            return;
        }
        if (admitted(session, id)) {
            enqueue(session, id, text, Map.of());
        }
    }

    /** Checks the uid's, the address's and everyone's allowance; a refused message gets an error frame, no ack. */
    private boolean admitted(Session session, String id) {
        WebChatGate.Verdict verdict;
        try {
            verdict = gate.message(session.connection.userId(), session.connection.address());
        } catch (RuntimeException e) {
            log.warn("web chat message {} not checked against the limits: {}", id, e.toString());
            error(session.connection, id, "temporarily unavailable, retry");
            return false;
        }
        return switch (verdict) {
            case WebChatGate.Verdict.Admitted a -> true;
            case WebChatGate.Verdict.Refused r -> {
                boolean busy = r.limit() == WebChatGate.Limit.TOTAL;
                metrics.rejected(CHANNEL, busy ? 503 : 429);
                session.connection.send(mapper.createObjectNode()
                        .put("type", "error")
                        .put("id", id)
                        .put("code", busy ? "busy" : "rate_limited")
                        .put("retry_after_ms", r.retryAfter().toMillis())
                        .put("error", busy ? "too busy, retry later" : "too many messages, retry later")
                        .toString());
                yield false;
            }
        };
    }

    private void enqueue(Session session, String id, String text, Map<String, String> extra) {
        Instant start = clock.instant();
        Map<String, String> attributes = new HashMap<>(session.attributes);
        attributes.putAll(extra);
        Inbound message = new Inbound(CHANNEL, id, session.connection.userId(), "", text, start, attributes);
        ObjectNode ack = mapper.createObjectNode().put("type", "ack").put("id", id);
        try {
            switch (queue.enqueue(message)) {
                case InboundQueue.EnqueueResult.Accepted a -> {
                    metrics.received(CHANNEL);
                    metrics.acknowledged(Duration.between(start, clock.instant()));
                }
                case InboundQueue.EnqueueResult.Duplicate d -> {
                    metrics.duplicate(CHANNEL);
                    ack.put("duplicate", true);
                }
            }
            session.connection.send(ack.toString());
        } catch (RuntimeException e) {
            log.warn("web chat message {} not queued: {}", id, e.toString());
            error(session.connection, id, "temporarily unavailable, retry");
        }
    }

    private boolean flooding(Session session) {
        synchronized (session) {
            long now = clock.millis();
            if (now - session.windowStart > limits.window().toMillis()) {
                session.windowStart = now;
                session.inWindow = 0;
            }
            return ++session.inWindow > limits.perConnectionFlood();
        }
    }

    /** A reply was stored for {@code userId} somewhere: push what is new to this process's connections. */
    public void announced(String userId) {
        Set<Session> set = byUser.get(userId);
        if (set != null) {
            for (Session session : set) {
                flush(session);
            }
        }
    }

    private void flush(Session session) {
        synchronized (session) {
            for (Inbox.Entry entry : inbox.after(CHANNEL, session.connection.userId(), session.lastEntry, 100)) {
                ObjectNode reply = mapper.createObjectNode()
                        .put("type", "reply")
                        .put("entry", entry.entryId())
                        .put("text", entry.message().text())
                        .put("in_reply_to", entry.message().inReplyTo())
                        .put("reply_id", entry.message().replyId());
                session.connection.send(reply.toString());
                session.lastEntry = entry.entryId();
            }
        }
    }

    private void error(WebChatConnection connection, String id, String error) {
        connection.send(mapper.createObjectNode()
                .put("type", "error")
                .put("id", id)
                .put("error", error)
                .toString());
    }

    /** Number of open connections on this process. */
    public int connections() {
        return sessions.size();
    }
}
