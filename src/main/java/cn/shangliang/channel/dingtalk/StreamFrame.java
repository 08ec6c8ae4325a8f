package cn.shangliang.channel.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A downstream frame of the Stream protocol (PLATFORMS.md §3.2, developerpedia protocol.md): {@code {"specVersion",
 * "type": "SYSTEM|EVENT|CALLBACK", "headers": {"topic", "messageId", "contentType", "time", …}, "data": "<JSON
 * string>"}}. Unknown headers are kept.
 *
 * @param type {@code SYSTEM}, {@code EVENT} or {@code CALLBACK}
 * @param headers every header, as strings
 * @param data the {@code data} string (itself JSON), empty when absent
 */
record StreamFrame(String type, Map<String, String> headers, String data) {

    static final String ROBOT_TOPIC = "/v1.0/im/bot/messages/get";

    StreamFrame {
        Objects.requireNonNull(type, "type");
        headers = Map.copyOf(headers);
        data = data == null ? "" : data;
    }

    String topic() {
        return headers.getOrDefault("topic", "");
    }

    String messageId() {
        return headers.getOrDefault("messageId", "");
    }

    /** Parses one text frame; empty when it is not a frame (not JSON, no type). */
    static Optional<StreamFrame> parse(ObjectMapper mapper, String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        node.path("headers")
                .properties()
                .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        JsonNode data = node.path("data");
        String dataText =
                data.isTextual() ? data.asText() : data.isMissingNode() || data.isNull() ? "" : data.toString();
        return Optional.of(new StreamFrame(node.path("type").asText(), headers, dataText));
    }

    /**
     * The response frame to {@code messageId}: {@code {"code", "headers": {"contentType": "application/json",
     * "messageId"}, "message", "data": "<JSON string>"}}.
     */
    static String response(ObjectMapper mapper, String messageId, int code, String message, String data) {
        ObjectNode frame = mapper.createObjectNode().put("code", code);
        frame.putObject("headers").put("contentType", "application/json").put("messageId", messageId);
        frame.put("message", message);
        frame.put("data", data);
        return frame.toString();
    }

    /** The ACK of a robot message: data {@code {"response": null}}. */
    static String callbackAck(ObjectMapper mapper, String messageId) {
        return response(mapper, messageId, 200, "OK", "{\"response\":null}");
    }

    /** The answer to a SYSTEM ping: its data (the opaque id) echoed. */
    static String pong(ObjectMapper mapper, StreamFrame ping) {
        return response(mapper, ping.messageId(), 200, "OK", ping.data());
    }

    /** The ACK of an event: {@code SUCCESS}, or {@code LATER} to have it pushed again. */
    static String eventAck(ObjectMapper mapper, String messageId, boolean success) {
        String status = success ? "SUCCESS" : "LATER";
        return response(
                mapper,
                messageId,
                200,
                "OK",
                mapper.createObjectNode()
                        .put("status", status)
                        .put("message", status.toLowerCase(Locale.ROOT))
                        .toString());
    }
}
