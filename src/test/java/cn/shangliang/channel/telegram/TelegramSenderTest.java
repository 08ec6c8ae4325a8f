package cn.shangliang.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.Application;
import cn.shangliang.channel.ChannelSender.SendResult;
import cn.shangliang.channel.Outbound;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** sendMessage against a fake Bot API: the request, and the outcome of each kind of answer. */
class TelegramSenderTest {

    private static final ObjectMapper MAPPER = Application.objectMapper();
    private static final String OK = "{\"ok\":true,\"result\":{\"message_id\":100,\"date\":1764130000,"
            + "\"chat\":{\"id\":5099887766,\"type\":\"private\"},\"text\":\"x\"}}";

    private MockWebServer api;
    private TelegramSender sender;

    @BeforeEach
    void start() throws IOException {
        api = new MockWebServer();
        api.start();
        String base = api.url("/").toString();
        var settings = new TelegramSettings(TelegramWebhookTest.TOKEN, TelegramWebhookTest.SECRET, "", base);
        var http = new OkHttpClient.Builder()
                .callTimeout(Duration.ofSeconds(5))
                .retryOnConnectionFailure(false)
                .build();
        sender = new TelegramSender(settings, http, MAPPER);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void answer(int code, String body) {
        api.enqueue(new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build());
    }

    private static Outbound reply(String userId, String text) {
        return new Outbound("815790001#1", "telegram", userId, text, "815790001", 1, 1, Instant.now());
    }

    private JsonNode nextCall() throws Exception {
        RecordedRequest request = api.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a sendMessage call").isNotNull();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/bot" + TelegramWebhookTest.TOKEN + "/sendMessage");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        return MAPPER.readTree(request.getBody().toByteArray());
    }

    @Test
    void ok_isSent_withNumericChatIdAndText() throws Exception {
        answer(200, OK);

        assertThat(sender.send(reply("5099887766", "您好！路灯的事已记下。"))).isEqualTo(new SendResult.Sent());
        JsonNode call = nextCall();
        assertThat(call.get("chat_id").isIntegralNumber()).isTrue();
        assertThat(call.get("chat_id").asLong()).isEqualTo(5099887766L);
        assertThat(call.get("text").asText()).isEqualTo("您好！路灯的事已记下。");
    }

    @Test
    void groupMember_isAnsweredInTheGroup() throws Exception {
        answer(200, OK);

        assertThat(sender.send(reply("-1001234567890:6012345678", "好的"))).isEqualTo(new SendResult.Sent());
        assertThat(nextCall().get("chat_id").asLong()).isEqualTo(-1001234567890L);
    }

    @Test
    void tooManyRequests_retriesAfterTheGivenSeconds() {
        answer(
                429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                        + "\"parameters\":{\"retry_after\":7}}");

        SendResult result = sender.send(reply("5099887766", "hi"));

        assertThat(result).isInstanceOf(SendResult.RetryLater.class);
        assertThat(((SendResult.RetryLater) result).after()).isEqualTo(Duration.ofSeconds(7));
        assertThat(((SendResult.RetryLater) result).reason()).contains("429");
    }

    @Test
    void serverError_isRetried() {
        answer(502, "<html>Bad Gateway</html>");
        assertThat(sender.send(reply("5099887766", "hi"))).isInstanceOf(SendResult.RetryLater.class);
        answer(500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}");
        assertThat(sender.send(reply("5099887766", "hi"))).isInstanceOf(SendResult.RetryLater.class);
    }

    @Test
    void botBlockedOrKicked_isPermanent() {
        answer(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
        SendResult result = sender.send(reply("5099887766", "hi"));

        assertThat(result).isInstanceOf(SendResult.Permanent.class);
        assertThat(((SendResult.Permanent) result).reason()).contains("403").contains("blocked");
    }

    @Test
    void chatNotFound_isPermanent() {
        answer(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
        assertThat(sender.send(reply("5099887766", "hi"))).isInstanceOf(SendResult.Permanent.class);
    }

    @Test
    void okFalseInA200_isNotSent() {
        answer(200, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message text is empty\"}");
        assertThat(sender.send(reply("5099887766", "hi"))).isInstanceOf(SendResult.Permanent.class);
    }

    @Test
    void groupMigratedToSupergroup_isSentToTheNewChat() throws Exception {
        answer(
                400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: group chat was upgraded to a"
                        + " supergroup chat\",\"parameters\":{\"migrate_to_chat_id\":-1009999999999}}");
        answer(200, OK);

        assertThat(sender.send(reply("-4012345678:6012345678", "hi"))).isEqualTo(new SendResult.Sent());
        assertThat(nextCall().get("chat_id").asLong()).isEqualTo(-4012345678L);
        assertThat(nextCall().get("chat_id").asLong()).isEqualTo(-1009999999999L);
    }

    @Test
    void networkFailure_isRetried() {
        api.close();
        assertThat(sender.send(reply("5099887766", "hi"))).isInstanceOf(SendResult.RetryLater.class);
    }

    @Test
    void userIdThatIsNoChat_isPermanent_withoutACall() {
        assertThat(sender.send(reply("resident-7", "hi"))).isInstanceOf(SendResult.Permanent.class);
        assertThat(api.getRequestCount()).isZero();
    }

    @Test
    void longText_goesOutAsSeveralMessagesInOrder() throws Exception {
        String line = "青阳镇里庄村的路灯已经修好了。\n";
        String text = line.repeat(600); // 9600 UTF-16 units
        answer(200, OK);
        answer(200, OK);
        answer(200, OK);

        assertThat(sender.send(reply("5099887766", text))).isEqualTo(new SendResult.Sent());
        StringBuilder received = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            String part = nextCall().get("text").asText();
            assertThat(part.length()).isLessThanOrEqualTo(4096);
            received.append(part).append('\n');
        }
        assertThat(received.toString()).isEqualTo(text);
        assertThat(api.getRequestCount()).isEqualTo(3);
    }

    @Test
    void longText_laterPartFails_retrySendsOnlyTheRest() throws Exception {
        String text = "一".repeat(4096) + "二".repeat(100);
        answer(200, OK);
        answer(
                429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                        + "\"parameters\":{\"retry_after\":1}}");
        answer(200, OK);

        assertThat(sender.send(reply("5099887766", text))).isInstanceOf(SendResult.RetryLater.class);
        assertThat(sender.send(reply("5099887766", text))).isEqualTo(new SendResult.Sent());

        assertThat(nextCall().get("text").asText()).isEqualTo("一".repeat(4096));
        assertThat(nextCall().get("text").asText()).isEqualTo("二".repeat(100));
        assertThat(nextCall().get("text").asText()).isEqualTo("二".repeat(100));
        assertThat(api.getRequestCount()).isEqualTo(3);
    }
}
