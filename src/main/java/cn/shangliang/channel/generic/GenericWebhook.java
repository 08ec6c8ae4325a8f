package cn.shangliang.channel.generic;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.TextLimits;
import cn.shangliang.channel.WebhookAdapter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The generic JSON channel (DESIGN.md): checks size, content type, signature, encoding, JSON shape and freshness, in
 * that order, and turns an acceptable body into an {@link Inbound}. Pure: nothing is queued here.
 */
public final class GenericWebhook implements WebhookAdapter {

    public static final String CHANNEL = "generic";
    public static final int MAX_BODY = WebhookAdapter.DEFAULT_MAX_BODY;

    /** The two success bodies, the same for every message. */
    private static final Response ACCEPTED = Response.json(202, "{\"accepted\":true}");

    private static final Response DUPLICATE = Response.json(200, "{\"accepted\":true,\"duplicate\":true}");
    private static final int MAX_ID = 128;

    /** The verdict on one request. */
    public sealed interface Verdict {
        record Accept(Inbound message) implements Verdict {}

        record Reject(int status, String error) implements Verdict {}
    }

    private final GenericSignature signature;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration maxSkew;

    public GenericWebhook(GenericSignature signature, ObjectMapper mapper, Clock clock, Duration maxSkew) {
        this.signature = signature;
        this.mapper = mapper;
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Set<String> methods() {
        return Set.of("POST");
    }

    @Override
    public Response tooLarge() {
        return error(413, "body is larger than " + MAX_BODY + " bytes");
    }

    /**
     * {@code POST /webhook/generic}: 202 once the message is in the durable stream, 200 for a repeat, 4xx with a
     * JSON {@code error} for bad input (nothing queued).
     */
    @Override
    public WebhookAdapter.Verdict handle(Request request) {
        return switch (check(
                request.body(),
                request.header("content-type"),
                request.header(GenericSignature.HEADER.toLowerCase()))) {
            case Verdict.Accept a -> new WebhookAdapter.Verdict.Enqueue(a.message(), ACCEPTED, DUPLICATE);
            case Verdict.Reject r -> new WebhookAdapter.Verdict.Reject(error(r.status(), r.error()), r.error());
        };
    }

    private Response error(int status, String message) {
        try {
            return Response.json(status, mapper.writeValueAsString(Map.of("error", message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Verdict check(byte[] body, String contentType, String signatureHeader) {
        if (body.length > MAX_BODY) {
            return new Verdict.Reject(413, "body is larger than " + MAX_BODY + " bytes");
        }
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            return new Verdict.Reject(415, "Content-Type must be application/json");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return new Verdict.Reject(401, "missing " + GenericSignature.HEADER + " header");
        }
        if (!signature.verify(body, signatureHeader)) {
            return new Verdict.Reject(401, "bad signature");
        }
        Optional<String> json = TextLimits.decodeUtf8(body);
        if (json.isEmpty()) {
            return new Verdict.Reject(400, "body is not valid UTF-8");
        }
        JsonNode node;
        try {
            node = mapper.readTree(json.get());
        } catch (JsonProcessingException e) {
            return new Verdict.Reject(400, "body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return new Verdict.Reject(400, "body must be a JSON object");
        }
        return fields(node);
    }

    private Verdict fields(JsonNode node) {
        Optional<String> messageId = id(node, "message_id");
        if (messageId.isEmpty()) {
            return new Verdict.Reject(
                    400, "message_id must be a non-empty string of at most " + MAX_ID + " characters");
        }
        Optional<String> userId = id(node, "user_id");
        if (userId.isEmpty()) {
            return new Verdict.Reject(400, "user_id must be a non-empty string of at most " + MAX_ID + " characters");
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            return new Verdict.Reject(400, "text must be a string");
        }
        Optional<String> textProblem = TextLimits.problem(text.asText());
        if (textProblem.isPresent()) {
            return new Verdict.Reject(422, textProblem.get());
        }
        JsonNode ts = node.get("timestamp");
        if (ts == null || !ts.canConvertToLong()) {
            return new Verdict.Reject(400, "timestamp must be a number of seconds");
        }
        Instant now = clock.instant();
        long seconds = ts.asLong();
        // Instant.ofEpochSecond throws beyond year ±1e9 and now - seconds can overflow: compare as a distance first
        if (seconds < now.getEpochSecond() - maxSkew.toSeconds()
                || seconds > now.getEpochSecond() + maxSkew.toSeconds()) {
            return new Verdict.Reject(
                    401, "timestamp is more than " + maxSkew.toSeconds() + " s away from the server's time");
        }
        JsonNode name = node.get("user_name");
        String userName = name != null && name.isTextual() ? name.asText() : "";
        return new Verdict.Accept(
                new Inbound(CHANNEL, messageId.get(), userId.get(), userName, text.asText(), now, Map.of()));
    }

    private static Optional<String> id(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
            return Optional.empty();
        }
        String s = value.asText().strip();
        if (s.isEmpty() || s.length() > MAX_ID || s.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(s);
    }
}
