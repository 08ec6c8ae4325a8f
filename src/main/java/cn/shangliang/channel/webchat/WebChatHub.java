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
 * <p>Client → server: {@code {"type":"message","id":"<client id>","text":"…"}}. Server → client: {@code
 * {"type":"ack","id":…}} once the message is durably queued (with {@code "duplicate":true} for a resend), {@code
 * {"type":"error","id":…,"error":…}} when refused, {@code {"type":"reply","entry":…,"text":…,"in_reply_to":…}} for each
 * reply. A client that reconnects passes the last entry it saw as {@code since} and receives what it missed.
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

    /** Flood limit per connection. */
    public record Limits(int maxMessages, Duration window) {}

    private final InboundQueue queue;
    private final Inbox inbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final PipelineMetrics metrics;
    private final Limits limits;
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

    /** @param placeKnown whether a {@code 镇/村} text names a configured place (what {@code hello} may echo) */
    public WebChatHub(
            InboundQueue queue,
            Inbox inbox,
            ObjectMapper mapper,
            Clock clock,
            PipelineMetrics metrics,
            Limits limits,
            Predicate<String> placeKnown) {
        this.placeKnown = placeKnown;
        this.queue = queue;
        this.inbox = inbox;
        this.mapper = mapper;
        this.clock = clock;
        this.metrics = metrics;
        this.limits = limits;
    }

    /** Registers a connection and sends it the replies after {@code since} ("" for none, "0" for all kept). */
    public void connected(WebChatConnection connection, String place, String since) {
        Map<String, String> attributes = new HashMap<>();
        if (place != null && !place.isBlank() && place.length() <= 64) {
            attributes.put("place", place.strip());
        }
        String start = since == null || since.isBlank() ? currentEnd(connection.userId()) : since;
        Session session = new Session(connection, Map.copyOf(attributes), start);
        sessions.put(connection, session);
        byUser.computeIfAbsent(connection.userId(), k -> ConcurrentHashMap.newKeySet())
                .add(session);
        ObjectNode hello = mapper.createObjectNode().put("type", "hello").put("user", connection.userId());
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
                    "web chat user {} sent more than {} messages in {}; connection closed",
                    connection.userId(),
                    limits.maxMessages(),
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
        if (node == null || !"message".equals(node.path("type").asText())) {
            error(connection, "", "unknown frame type");
            return;
        }
        String id = node.path("id").asText("");
        if (!MESSAGE_ID.matcher(id).matches()) {
            error(connection, "", "id must be 1-64 letters, digits or _.:-");
            return;
        }
        String text = node.path("text").isTextual() ? node.path("text").asText() : "";
        Optional<String> problem = TextLimits.problem(text);
        if (problem.isPresent()) {
            metrics.rejected(CHANNEL, 422);
            error(connection, id, problem.get());
            return;
        }
        enqueue(session, id, text);
    }

    private void enqueue(Session session, String id, String text) {
        Instant start = clock.instant();
        Inbound message = new Inbound(CHANNEL, id, session.connection.userId(), "", text, start, session.attributes);
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
            return ++session.inWindow > limits.maxMessages();
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
                        .put("in_reply_to", entry.message().inReplyTo());
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
