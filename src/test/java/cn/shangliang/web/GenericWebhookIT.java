package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shangliang.app.Application;
import cn.shangliang.channel.generic.GenericSignature;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic channel end to end: signed POST in, durable queue, worker, signed reply POSTed out. */
class GenericWebhookIT {

    private static final String SECRET = "it-secret";
    private final ObjectMapper json = new ObjectMapper();
    private final GenericSignature signature = new GenericSignature(SECRET);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private TestRedis redis;
    private MockWebServer replies;
    private Application app;
    private String base;

    @BeforeEach
    void start() throws IOException {
        redis = TestRedis.start();
        replies = new MockWebServer();
        replies.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).build();
            }
        });
        replies.start();
        var config = TestConfig.load(
                dir,
                TestConfig.serverYaml(redis.url(), dir.resolve("data")),
                Map.of(
                        "GENERIC_SECRET",
                        SECRET,
                        "GENERIC_REPLY_URL",
                        replies.url("/replies").toString()));
        app = Application.server(config).startPipeline().startHttp();
        base = "http://127.0.0.1:" + app.httpPort();
    }

    @AfterEach
    void stop() {
        app.close();
        replies.close();
        redis.close();
    }

    private String message(String id, String text) {
        return "{\"message_id\":\"" + id + "\",\"user_id\":\"resident-7\",\"user_name\":\"李师傅\",\"text\":\"" + text
                + "\",\"timestamp\":" + Instant.now().getEpochSecond() + "}";
    }

    private HttpResponse<String> post(byte[] body, String contentType, String sig) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + "/webhook/generic"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (sig != null) {
            builder.header(GenericSignature.HEADER, sig);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postSigned(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(bytes, "application/json", signature.sign(bytes));
    }

    private JsonNode nextReply() throws Exception {
        RecordedRequest request = replies.takeRequest(20, TimeUnit.SECONDS);
        assertThat(request).as("a reply POSTed to the reply URL").isNotNull();
        byte[] body = request.getBody().toByteArray();
        assertThat(signature.verify(body, request.getHeaders().get(GenericSignature.HEADER)))
                .as("reply is signed")
                .isTrue();
        return json.readTree(body);
    }

    @Test
    void signedMessage_isAcceptedAndReplyIsPostedSigned() throws Exception {
        HttpResponse<String> response = postSigned(message("m-100", "你好"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json.readTree(response.body()).get("accepted").asBoolean()).isTrue();
        JsonNode reply = nextReply();
        assertThat(reply.get("user_id").asText()).isEqualTo("resident-7");
        assertThat(reply.get("in_reply_to").asText()).isEqualTo("m-100");
        assertThat(reply.get("text").asText()).contains("您好");
    }

    @Test
    void sameMessageIdTwice_isHandledOnce() throws Exception {
        assertThat(postSigned(message("m-200", "你好")).statusCode()).isEqualTo(202);
        HttpResponse<String> repeat = postSigned(message("m-200", "你好"));
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(json.readTree(repeat.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(postSigned(message("m-201", "hello")).statusCode()).isEqualTo(202);

        assertThat(nextReply().get("in_reply_to").asText()).isEqualTo("m-200");
        // the next reply is the other message's: the repeat produced none
        assertThat(nextReply().get("in_reply_to").asText()).isEqualTo("m-201");
    }

    @Test
    void platformThatIsOff_answers404NamingIt() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/webhook/telegram"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("telegram channel is not configured");
        assertThat(cn.shangliang.testing.Pipes.inbound(redis.client())).isZero();
    }

    private Set<String> redisState() {
        Set<String> state = new TreeSet<>(redis.client().keys("*"));
        state.add("in=" + cn.shangliang.testing.Pipes.inbound(redis.client()));
        return state;
    }

    @Test
    void badInput_getsClearErrorAndLeavesRedisUnchanged() throws Exception {
        Set<String> before = redisState();
        byte[] good = message("m-300", "你好").getBytes(StandardCharsets.UTF_8);
        byte[] huge = ("{\"text\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] notJson = "{oops".getBytes(StandardCharsets.UTF_8);
        byte[] badUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'};
        byte[] empty = message("m-301", " ").getBytes(StandardCharsets.UTF_8);
        byte[] tooLong = message("m-302", "字".repeat(4001)).getBytes(StandardCharsets.UTF_8);
        byte[] stale = ("{\"message_id\":\"m-303\",\"user_id\":\"u\",\"text\":\"hi\",\"timestamp\":"
                        + (Instant.now().getEpochSecond() - 3600) + "}")
                .getBytes(StandardCharsets.UTF_8);

        assertError(post(good, "text/plain", signature.sign(good)), 415);
        assertError(post(good, "application/json", null), 401);
        assertError(post(good, "application/json", "sha256=" + "0".repeat(64)), 401);
        assertError(post(huge, "application/json", signature.sign(huge)), 413);
        assertError(post(notJson, "application/json", signature.sign(notJson)), 400);
        assertError(post(badUtf8, "application/json", signature.sign(badUtf8)), 400);
        assertError(post(empty, "application/json", signature.sign(empty)), 422);
        assertError(post(tooLong, "application/json", signature.sign(tooLong)), 422);
        assertError(post(stale, "application/json", signature.sign(stale)), 401);

        assertThat(redisState()).isEqualTo(before);
    }

    private void assertError(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json.readTree(response.body()).get("error").asText()).isNotBlank();
    }

    @Test
    void redisGoesAway_readyFailsAndWebhookAnswers503() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(redis.stoppable(), "needs the embedded Redis");
        HttpResponse<String> ready = http.send(
                HttpRequest.newBuilder(URI.create(base + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);

        redis.stopServer();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(http.send(
                                        HttpRequest.newBuilder(URI.create(base + "/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .isEqualTo(503));
        HttpResponse<String> response = postSigned(message("m-400", "你好"));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("error");
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void metrics_arePrometheusText() throws Exception {
        postSigned(message("m-500", "你好"));
        nextReply();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(metrics)
                    .contains("shangliang_messages_received_total{channel=\"generic\"} 1.0")
                    .contains("shangliang_messages_processed_total{channel=\"generic\"} 1.0")
                    .contains("shangliang_replies_sent_total{channel=\"generic\"} 1.0")
                    .contains("shangliang_queue_lag_messages{stream=\"inbound\"} 0.0")
                    .contains("shangliang_reply_latency_seconds_bucket")
                    .contains("shangliang_topic_vectors_preparing ");
        });
    }
}
