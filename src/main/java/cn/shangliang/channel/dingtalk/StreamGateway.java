package cn.shangliang.channel.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Step 1 of a Stream connection: {@code POST /v1.0/gateway/connections/open} with the app's credentials and the robot
 * topic subscription answers {@code {endpoint, ticket}}. The ticket is valid for 90 s and for one connection only, so
 * every connection registers anew.
 */
final class StreamGateway {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final HttpUrl url;
    private final byte[] body;

    StreamGateway(OkHttpClient http, ObjectMapper mapper, HttpUrl gatewayBase, String clientId, String clientSecret) {
        this.http = http;
        this.mapper = mapper;
        this.url = gatewayBase
                .newBuilder()
                .addPathSegments("v1.0/gateway/connections/open")
                .build();
        ObjectNode request = mapper.createObjectNode()
                .put("clientId", clientId)
                .put("clientSecret", clientSecret)
                .put("ua", "shangliang-java/0.1");
        // robot messages only; SYSTEM frames (ping, disconnect) need no subscription
        request.putArray("subscriptions").addObject().put("type", "CALLBACK").put("topic", StreamFrame.ROBOT_TOPIC);
        this.body = request.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Registers a connection: the WebSocket URI with a fresh ticket. */
    URI open() throws IOException {
        Request request = new Request.Builder()
                .url(url)
                .header("Accept", "application/json") // else the gateway may answer XML
                .post(RequestBody.create(body, JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException(
                        "connections/open answered HTTP " + response.code() + " " + OpenApiError.of(mapper, text));
            }
            JsonNode node = mapper.readTree(text);
            String endpoint = node.path("endpoint").asText("");
            String ticket = node.path("ticket").asText("");
            if (!(endpoint.startsWith("wss://") || endpoint.startsWith("ws://")) || ticket.isEmpty()) {
                throw new IOException("connections/open answered no usable endpoint and ticket");
            }
            return uri(endpoint, ticket);
        }
    }

    static URI uri(String endpoint, String ticket) throws IOException {
        String separator = endpoint.contains("?") ? "&" : "?";
        try {
            return new URI(endpoint + separator + "ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
        } catch (URISyntaxException e) {
            throw new IOException("connections/open answered a bad endpoint", e);
        }
    }
}
