package cn.shangliang.channel.telegram;

import static cn.shangliang.channel.telegram.TelegramWebhookTest.SECRET;
import static cn.shangliang.channel.telegram.TelegramWebhookTest.TOKEN;
import static cn.shangliang.channel.telegram.TelegramWebhookTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shangliang.app.Application;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Telegram channel end to end: the Bot API server's webhook POST in (a hand-made peer with the secret header, as
 * PLATFORMS.md §5 describes it), durable queue, dialogue, and the reply at a fake Bot API's sendMessage.
 */
class TelegramWebhookIT {

    private static final String OK = "{\"ok\":true,\"result\":{\"message_id\":100,\"date\":1764130000,"
            + "\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"x\"}}";
    private static final String SEND_PATH = "/bot" + TOKEN + "/sendMessage";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private TestRedis redis;
    private MockWebServer api;
    private Application app;
    private String webhook;

    /** sendMessage calls as the fake Bot API received them, with the app clock's time of arrival. */
    private record Call(Instant at, JsonNode body) {
        long chatId() {
            return body.get("chat_id").asLong();
        }
    }

    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    /** Answers for the next sendMessage calls; 200 ok once used up. */
    private final Queue<MockResponse> script = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws IOException {
        redis = TestRedis.start();
        api = new MockWebServer();
        api.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!request.getUrl().encodedPath().equals(SEND_PATH)) {
                    return new MockResponse.Builder()
                            .code(404)
                            .body("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}")
                            .build();
                }
                try {
                    calls.add(new Call(
                            app.clock().instant(),
                            json.readTree(request.getBody().toByteArray())));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                MockResponse scripted = script.poll();
                return scripted != null ? scripted : answer(200, OK);
            }
        });
        api.start();
        var config = TestConfig.load(
                dir,
                TestConfig.serverYaml(redis.url(), dir.resolve("data")),
                Map.of(
                        "TELEGRAM_BOT_TOKEN",
                        TOKEN,
                        "TELEGRAM_SECRET_TOKEN",
                        SECRET,
                        "TELEGRAM_BOT_USERNAME",
                        "shangliang_bot",
                        "TELEGRAM_API_BASE_URL",
                        api.url("/").toString()));
        app = Application.server(config).startPipeline().startHttp();
        webhook = "http://127.0.0.1:" + app.httpPort() + "/webhook/telegram";
    }

    @AfterEach
    void stop() {
        app.close();
        api.close();
        redis.close();
    }

    private static MockResponse answer(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private HttpResponse<String> post(String body, String secret) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(webhook))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            builder.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A private "/start" (a greeting) from chat {@code chatId}. */
    private static String start(long updateId, long chatId) {
        return fixture("private_start.json")
                .replace("815790002", Long.toString(updateId))
                .replace("5099887766", Long.toString(chatId));
    }

    private Call nextCall() throws InterruptedException {
        Call call = calls.poll(20, TimeUnit.SECONDS);
        assertThat(call).as("a sendMessage call at the fake Bot API").isNotNull();
        return call;
    }

    /** Dedup markers: one per update ever queued (the stream itself is emptied as the worker handles it). */
    private java.util.List<String> seen() {
        return cn.shangliang.testing.Pipes.seenIds(redis.client(), "telegram");
    }

    private long queued() {
        return cn.shangliang.testing.Pipes.inbound(redis.client());
    }

    @Test
    void privateStart_isAcceptedAndGreetedInTheChat() throws Exception {
        HttpResponse<String> response = post(fixture("private_start.json"), SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .as("a 2xx body would be run as a Bot API call")
                .isEmpty();
        Call reply = nextCall();
        assertThat(reply.chatId()).isEqualTo(5099887766L);
        assertThat(reply.body().get("text").asText()).contains("您好");
    }

    @Test
    void groupMention_isAnsweredInTheGroup_groupChatterIsNot() throws Exception {
        assertThat(post(fixture("group_chatter.json"), SECRET).statusCode()).isEqualTo(200);
        assertThat(post(fixture("group_mention.json"), SECRET).statusCode()).isEqualTo(200);

        assertThat(nextCall().chatId()).isEqualTo(-1001234567890L);
        assertThat(seen()).as("only the mention was queued").containsExactly("815790003");
    }

    @Test
    void wrongOrMissingSecret_orBadJson_areRefused_andQueueNothing() throws Exception {
        String update = fixture("private_start.json");

        assertThat(post(update, null).statusCode()).isEqualTo(401);
        assertThat(post(update, "not-the-secret").statusCode()).isEqualTo(401);
        assertThat(post("{\"update_id\": 1, \"message\": {oops", SECRET).statusCode())
                .isEqualTo(400);
        assertThat(post("{\"update_id\":1,\"message\":{\"text\":\"" + "x".repeat(300_000) + "\"}}", SECRET)
                        .statusCode())
                .isEqualTo(413);
        assertThat(queued()).isZero();

        assertThat(post(fixture("edited_message.json"), SECRET).statusCode()).isEqualTo(200);
        assertThat(post(fixture("sticker.json"), SECRET).statusCode()).isEqualTo(200);
        assertThat(post(fixture("channel_post.json"), SECRET).statusCode()).isEqualTo(200);
        assertThat(queued())
                .as("ignored updates are answered 200 and not queued")
                .isZero();
        assertThat(api.getRequestCount()).isZero();
    }

    @Test
    void sameUpdateIdTwice_isAnsweredOnce() throws Exception {
        assertThat(post(start(900_001, 111), SECRET).statusCode()).isEqualTo(200);
        assertThat(post(start(900_001, 111), SECRET).statusCode())
                .as("Telegram's redelivery gets a 2xx too")
                .isEqualTo(200);
        assertThat(post(start(900_002, 222), SECRET).statusCode()).isEqualTo(200);

        // one reply per update (the two chats are served in parallel, in either order); the repeat produced none
        assertThat(List.of(nextCall().chatId(), nextCall().chatId())).containsExactlyInAnyOrder(111L, 222L);
        assertThat(calls.poll(500, TimeUnit.MILLISECONDS)).isNull();
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics)
                .contains("shangliang_messages_duplicate_total{channel=\"telegram\"} 1.0")
                .contains("shangliang_messages_received_total{channel=\"telegram\"} 2.0");
    }

    @Test
    void tooManyRequests_isRetriedAfterRetryAfter() throws Exception {
        script.add(answer(
                429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                        + "\"parameters\":{\"retry_after\":1}}"));

        post(fixture("private_start.json"), SECRET);

        Call refused = nextCall();
        Call retried = nextCall();
        assertThat(retried.body()).isEqualTo(refused.body());
        assertThat(Duration.between(refused.at(), retried.at()))
                .as("retried no sooner than retry_after (the test config's backoff is at most 100 ms)")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(cn.shangliang.testing.Pipes.outboundDead(redis.client())).isZero();
    }

    @Test
    void serverError_isRetried() throws Exception {
        script.add(answer(502, "<html><body>502 Bad Gateway</body></html>"));

        post(fixture("private_start.json"), SECRET);

        Call failed = nextCall();
        Call retried = nextCall();
        assertThat(retried.body()).isEqualTo(failed.body());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(cn.shangliang.testing.Pipes.outbound(redis.client()))
                        .isZero());
        assertThat(cn.shangliang.testing.Pipes.outboundDead(redis.client())).isZero();
    }

    @Test
    void botBlocked_isDeadLettered_withoutRetry() throws Exception {
        script.add(answer(
                403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}"));

        post(fixture("private_start.json"), SECRET);

        nextCall();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cn.shangliang.testing.Pipes.outboundDead(redis.client()))
                        .isEqualTo(1));
        var dead =
                cn.shangliang.testing.Pipes.outboundDeadEntries(redis.client()).get(0);
        assertThat(dead.getFields().get("reason")).contains("403").contains("blocked");
        assertThat(calls.poll(1, TimeUnit.SECONDS)).as("no retry").isNull();
    }

    @Test
    void oneMessagePerSecondPerChat_otherChatsNotHeldBack() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(post(start(910_000 + i, 333), SECRET).statusCode()).isEqualTo(200);
        }
        assertThat(post(start(910_100, 444), SECRET).statusCode()).isEqualTo(200);

        List<Call> toSame = new ArrayList<>();
        boolean otherChatServed = false;
        while (toSame.size() < 3) {
            Call call = nextCall();
            if (call.chatId() == 333) {
                toSame.add(call);
            } else {
                otherChatServed = call.chatId() == 444;
            }
        }
        for (int i = 1; i < toSame.size(); i++) {
            assertThat(Duration.between(toSame.get(i - 1).at(), toSame.get(i).at()))
                    .as("sends %d and %d to one chat (allowing for network jitter of the two calls)", i, i + 1)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
        assertThat(otherChatServed)
                .as("the other chat's reply was not held behind them")
                .isTrue();
    }
}
