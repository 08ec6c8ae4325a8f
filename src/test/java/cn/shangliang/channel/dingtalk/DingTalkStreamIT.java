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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream mode end to end against a local gateway: registration with single-use tickets, robot callbacks queued and
 * ACKed once each, pings echoed, {@code disconnect} and a dropped socket answered by a new connection on a fresh ticket,
 * never two connections at once, replies at the session webhook or through batchSend.
 */
class DingTalkStreamIT {

    private static final String BATCH_SEND = "/v1.0/robot/oToMessages/batchSend";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private TestRedis redis;
    private FakeDingTalk dingtalk;
    private FakeStreamGateway gateway;
    private Application app;

    @BeforeEach
    void start() throws Exception {
        redis = TestRedis.start();
        dingtalk = new FakeDingTalk();
        gateway = new FakeStreamGateway(dingtalk);
        gateway.startAndWait();
        dingtalk.streamEndpoint = gateway.endpoint();
        String yaml = TestConfig.serverYaml(redis.url(), dir.resolve("data")) + """
                channels:
                  dingtalk:
                    api_base_url: "%s"
                    reconnect_initial_ms: 50
                    reconnect_max_ms: 200
                """.formatted(dingtalk.base());
        var config = TestConfig.load(
                dir,
                yaml,
                Map.of(
                        "DINGTALK_APP_KEY",
                        FakeDingTalk.APP_KEY,
                        "DINGTALK_APP_SECRET",
                        FakeDingTalk.APP_SECRET,
                        "DINGTALK_MODE",
                        "stream"));
        app = Application.server(config).startPipeline().startHttp();
    }

    @AfterEach
    void stop() throws InterruptedException {
        app.close();
        gateway.stop(1000);
        dingtalk.close();
        redis.close();
    }

    /** A robot CALLBACK frame; with {@code session} the message carries a fresh session webhook. */
    private String callback(String frameId, String msgId, String text, boolean session) {
        ObjectNode data = json.createObjectNode()
                .put("conversationId", "cid-1")
                .put("chatbotCorpId", "ding-corp")
                .put("msgId", msgId)
                .put("senderNick", "小王")
                .put("senderStaffId", "staff-7")
                .put("createAt", Instant.now().toEpochMilli())
                .put("conversationType", "1")
                .put("senderId", "$:LWCP_v1:$s7")
                .put("robotCode", FakeDingTalk.APP_KEY)
                .put("msgtype", "text");
        if (session) {
            data.put("sessionWebhook", dingtalk.sessionUrl(msgId))
                    .put(
                            "sessionWebhookExpiredTime",
                            Instant.now().plus(Duration.ofMinutes(90)).toEpochMilli());
        }
        data.putObject("text").put("content", text);
        return frame("CALLBACK", frameId, StreamFrame.ROBOT_TOPIC, data.toString());
    }

    private String frame(String type, String messageId, String topic, String data) {
        ObjectNode frame = json.createObjectNode().put("specVersion", "1.0").put("type", type);
        ObjectNode headers = frame.putObject("headers")
                .put("topic", topic)
                .put("contentType", "application/json")
                .put("time", Long.toString(Instant.now().toEpochMilli()));
        if (messageId != null) {
            headers.put("messageId", messageId);
        }
        frame.put("data", data);
        return frame.toString();
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private void awaitConnections(int n) {
        await().atMost(WAIT).until(() -> gateway.connectedTickets.size() >= n);
    }

    private void awaitAnswer(String frameId) {
        await().atMost(WAIT).until(() -> gateway.answers(frameId) >= 1);
    }

    @Test
    void callbacksPingsDisconnectAndDrop_eachHandledOnceOnOneConnectionAtATime() throws Exception {
        awaitConnections(1);

        gateway.push(callback("f-1", "msg-1", "你好", true));
        gateway.push(frame("SYSTEM", "p-1", "ping", "{\"opaque\":\"op-1\"}"));
        awaitAnswer("f-1");
        awaitAnswer("p-1");
        JsonNode pong = gateway.answer("p-1");
        assertThat(pong.path("code").asInt()).isEqualTo(200);
        assertThat(pong.path("data").asText()).isEqualTo("{\"opaque\":\"op-1\"}");
        await().atMost(WAIT).until(() -> dingtalk.to("/session/msg-1").size() == 1);

        gateway.push(frame("SYSTEM", null, "disconnect", "{\"reason\":\"persistent connection is timeout\"}"));
        awaitConnections(2);

        gateway.push(callback("f-2", "msg-2", "你好", true));
        gateway.push(callback("f-3", "msg-1", "你好", true)); // msg-1 pushed again
        awaitAnswer("f-2");
        awaitAnswer("f-3");
        await().atMost(WAIT).until(() -> dingtalk.to("/session/msg-2").size() == 1);

        gateway.dropSocket();
        awaitConnections(3);

        gateway.push(callback("f-4", "msg-3", "你好", false)); // no session webhook: through the OpenAPI
        awaitAnswer("f-4");
        await().atMost(WAIT).until(() -> !dingtalk.to(BATCH_SEND).isEmpty());

        for (String id : List.of("f-1", "f-2", "f-3", "f-4")) {
            JsonNode ack = gateway.answer(id);
            assertThat(gateway.answers(id)).as("answers to " + id).isEqualTo(1);
            assertThat(ack.path("code").asInt()).isEqualTo(200);
            assertThat(ack.path("message").asText()).isEqualTo("OK");
            assertThat(ack.path("headers").path("contentType").asText()).isEqualTo("application/json");
            assertThat(ack.path("data").asText()).isEqualTo("{\"response\":null}");
        }
        assertThat(gateway.answersById.keySet())
                .as("nothing answered the disconnect")
                .containsExactlyInAnyOrder("f-1", "f-2", "f-3", "f-4", "p-1");
        assertThat(cn.shangliang.testing.Pipes.seenIds(redis.client(), "dingtalk"))
                .hasSize(3);
        assertThat(metrics())
                .contains("shangliang_messages_received_total{channel=\"dingtalk\"} 3.0")
                .as("msg-1 pushed again is a duplicate")
                .contains("shangliang_messages_duplicate_total{channel=\"dingtalk\"} 1.0");
        assertThat(dingtalk.to("/session/msg-1")).as("msg-1 answered once").hasSize(1);
        JsonNode send = dingtalk.body(dingtalk.to(BATCH_SEND).get(0));
        assertThat(send.path("userIds").get(0).asText()).isEqualTo("staff-7");
        assertThat(gateway.maxOpen.get()).as("never two connections at once").isEqualTo(1);
        assertThat(new HashSet<>(gateway.connectedTickets)).hasSize(3);
        assertThat(gateway.refusedHandshakes.get()).isZero();
        assertThat(dingtalk.tickets).hasSize(3);
    }

    @Test
    void gatewayRegistrationFailing_isRetriedWithBackoffUntilItWorks() {
        awaitConnections(1);
        dingtalk.failOpens.set(2);

        gateway.dropSocket();
        awaitConnections(2);

        assertThat(dingtalk.to("/v1.0/gateway/connections/open")).hasSize(4);
        assertThat(dingtalk.tickets).hasSize(2);
        assertThat(gateway.maxOpen.get()).isEqualTo(1);
        gateway.push(callback("f-9", "msg-9", "你好", true));
        awaitAnswer("f-9");
        assertThat(gateway.answer("f-9").path("code").asInt()).isEqualTo(200);
    }

    @Test
    void redisDown_robotMessageIsNotAckedAsSuccess() {
        org.junit.jupiter.api.Assumptions.assumeTrue(redis.stoppable(), "needs the embedded Redis");
        awaitConnections(1);

        redis.stopServer();
        gateway.push(callback("f-7", "msg-7", "你好", true));

        awaitAnswer("f-7");
        assertThat(gateway.answer("f-7").path("code").asInt()).isEqualTo(500);
        gateway.push(frame("SYSTEM", "p-7", "ping", "{\"opaque\":\"op-7\"}"));
        awaitAnswer("p-7");
    }

    @Test
    void streamMode_hasNoHttpCallbackRoute() throws Exception {
        awaitConnections(1);
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/webhook/dingtalk"))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(cn.shangliang.testing.Pipes.inbound(redis.client())).isZero();
    }
}
