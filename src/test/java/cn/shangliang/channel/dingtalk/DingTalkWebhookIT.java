package cn.shangliang.channel.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shangliang.app.Application;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP mode end to end: signed robot callback in, durable queue, dialogue, reply at the fake DingTalk. */
class DingTalkWebhookIT {

    private static final String BATCH_SEND = "/v1.0/robot/oToMessages/batchSend";
    private static final String TOKEN = "/v1.0/oauth2/accessToken";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final DingTalkSignature signature = new DingTalkSignature(FakeDingTalk.APP_SECRET);

    @TempDir
    Path dir;

    private TestRedis redis;
    private FakeDingTalk dingtalk;
    private Application app;
    private String base;

    @BeforeEach
    void start() throws Exception {
        redis = TestRedis.start();
        dingtalk = new FakeDingTalk();
        String yaml = TestConfig.serverYaml(redis.url(), dir.resolve("data")) + """
                channels:
                  dingtalk:
                    api_base_url: "%s"
                """.formatted(dingtalk.base());
        var config = TestConfig.load(
                dir,
                yaml,
                Map.of("DINGTALK_APP_KEY", FakeDingTalk.APP_KEY, "DINGTALK_APP_SECRET", FakeDingTalk.APP_SECRET));
        app = Application.server(config).startPipeline().startHttp();
        base = "http://127.0.0.1:" + app.httpPort();
    }

    @AfterEach
    void stop() {
        app.close();
        dingtalk.close();
        redis.close();
    }

    /** A one-to-one chat message; {@code sessionFor} is how long its session webhook stays valid. */
    private String callback(String msgId, String text, Duration sessionFor) {
        ObjectNode node = json.createObjectNode()
                .put("conversationId", "cid-" + msgId)
                .put("chatbotCorpId", "ding-corp")
                .put("msgId", msgId)
                .put("senderNick", "李师傅")
                .put("isAdmin", false)
                .put("senderStaffId", "staff-42")
                .put("sessionWebhookExpiredTime", Instant.now().plus(sessionFor).toEpochMilli())
                .put("createAt", Instant.now().toEpochMilli())
                .put("conversationType", "1")
                .put("senderId", "$:LWCP_v1:$sender42")
                .put("sessionWebhook", dingtalk.sessionUrl(msgId))
                .put("msgtype", "text");
        node.putObject("text").put("content", " " + text);
        return node.toString();
    }

    private HttpResponse<String> post(String body, String timestamp, String sign) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "/webhook/dingtalk"))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("timestamp", timestamp)
                        .header("sign", sign)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postSigned(String body) throws Exception {
        String timestamp = Long.toString(Instant.now().toEpochMilli());
        return post(body, timestamp, signature.sign(timestamp));
    }

    private List<RecordedRequest> awaitRequests(String path, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> dingtalk.to(path).size() >= count);
        return dingtalk.to(path);
    }

    @Test
    void signedCallback_isAcceptedAndTheReplyGoesToItsSessionWebhook() throws Exception {
        HttpResponse<String> response = postSigned(callback("msg-100", "你好", Duration.ofMinutes(90)));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode reply = dingtalk.body(awaitRequests("/session/msg-100", 1).get(0));
        assertThat(reply.path("msgtype").asText()).isEqualTo("text");
        assertThat(reply.path("text").path("content").asText()).contains("您好");
        assertThat(reply.has("at")).as("no @mention in a one-to-one chat").isFalse();
        assertThat(dingtalk.to(BATCH_SEND)).isEmpty();
        assertThat(dingtalk.to(TOKEN))
                .as("a session webhook needs no access token")
                .isEmpty();
    }

    @Test
    void badSignStaleTimestampBadBodyAndReplay_queueNothingMore() throws Exception {
        long before = cn.shangliang.testing.Pipes.inbound(redis.client());
        String body = callback("msg-200", "你好", Duration.ofMinutes(90));
        String now = Long.toString(Instant.now().toEpochMilli());
        String stale = Long.toString(Instant.now().minus(Duration.ofMinutes(61)).toEpochMilli());
        String future = Long.toString(Instant.now().plus(Duration.ofMinutes(61)).toEpochMilli());

        assertThat(post(body, now, signature.sign("1" + now)).statusCode()).isEqualTo(401);
        assertThat(post(body, now, new DingTalkSignature("other").sign(now)).statusCode())
                .isEqualTo(401);
        assertThat(post(body, stale, signature.sign(stale)).statusCode()).isEqualTo(401);
        assertThat(post(body, future, signature.sign(future)).statusCode()).isEqualTo(401);
        assertThat(post(body, "", "").statusCode()).isEqualTo(401);
        assertThat(postSigned("{oops").statusCode()).isEqualTo(400);
        assertThat(postSigned("{\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(postSigned("{\"text\":\"" + "x".repeat(70_000) + "\"}").statusCode())
                .isEqualTo(413);
        assertThat(cn.shangliang.testing.Pipes.inbound(redis.client())).isEqualTo(before);
        assertThat(cn.shangliang.testing.Pipes.seenIds(redis.client(), "dingtalk"))
                .isEmpty();

        assertThat(postSigned(body).statusCode()).isEqualTo(200);
        assertThat(postSigned(body).statusCode()).as("a replay is answered").isEqualTo(200);
        assertThat(cn.shangliang.testing.Pipes.seenIds(redis.client(), "dingtalk"))
                .containsExactly("msg-200");
        awaitRequests("/session/msg-200", 1);
        // the next message's reply comes after the replay's would have: there was none
        postSigned(callback("msg-201", "你好", Duration.ofMinutes(90)));
        awaitRequests("/session/msg-201", 1);
        assertThat(dingtalk.to("/session/msg-200")).hasSize(1);
    }

    @Test
    void expiredSession_replyGoesThroughBatchSend_renewingARefusedToken() throws Exception {
        dingtalk.refusedTokens.add("tok-1");

        postSigned(callback("msg-300", "你好", Duration.ofMinutes(-1)));

        List<RecordedRequest> sends = awaitRequests(BATCH_SEND, 2);
        assertThat(sends.get(0).getHeaders().get("x-acs-dingtalk-access-token")).isEqualTo("tok-1");
        assertThat(sends.get(1).getHeaders().get("x-acs-dingtalk-access-token")).isEqualTo("tok-2");
        JsonNode body = dingtalk.body(sends.get(1));
        assertThat(body.path("robotCode").asText()).isEqualTo(FakeDingTalk.APP_KEY);
        assertThat(body.path("userIds").get(0).asText()).isEqualTo("staff-42");
        assertThat(body.path("msgKey").asText()).isEqualTo("sampleText");
        assertThat(json.readTree(body.path("msgParam").asText()).path("content").asText())
                .contains("您好");
        assertThat(dingtalk.to(TOKEN)).hasSize(2);
        assertThat(dingtalk.to("/session/msg-300")).isEmpty();
    }

    @Test
    void rateLimitedSend_isRetriedUntilItGoesThrough() throws Exception {
        dingtalk.batchSendScript.add(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "1")
                .build());

        postSigned(callback("msg-400", "你好", Duration.ofMinutes(-1)));

        List<RecordedRequest> sends = awaitRequests(BATCH_SEND, 2);
        assertThat(dingtalk.body(sends.get(1))).isEqualTo(dingtalk.body(sends.get(0)));
        assertThat(cn.shangliang.testing.Pipes.outboundDead(redis.client())).isZero();
        assertThat(dingtalk.to(TOKEN))
                .as("the token is cached between attempts")
                .hasSize(1);
    }

    @Test
    void unknownStaffId_isDeadLettered() throws Exception {
        dingtalk.batchSendScript.add(
                FakeDingTalk.json(200, "{\"processQueryKey\":\"pqk\",\"invalidStaffIdList\":[\"staff-42\"]}"));

        postSigned(callback("msg-500", "你好", Duration.ofMinutes(-1)));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> cn.shangliang.testing.Pipes.outboundDead(redis.client()) == 1);
        assertThat(dingtalk.to(BATCH_SEND)).hasSize(1);
    }
}
