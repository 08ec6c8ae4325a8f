package cn.shangliang.channel.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.channel.ChannelSender.SendResult;
import cn.shangliang.channel.Outbound;
import cn.shangliang.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender against a fake DingTalk (token, batchSend, session webhook) on MockWebServer. */
class DingTalkSenderTest {

    private static final Instant START = Instant.parse("2026-11-26T08:00:00Z");

    private final ObjectMapper mapper = new ObjectMapper();
    private final MutableClock clock = new MutableClock(START, ZoneId.of("Asia/Shanghai"));
    private final OkHttpClient http = new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(5))
            .retryOnConnectionFailure(false)
            .build();
    private final SessionWebhooks webhooks = new SessionWebhooks(clock, 100);
    private MockWebServer server;
    private DingTalkSender sender;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        HttpUrl base = server.url("/");
        sender = new DingTalkSender(
                http,
                mapper,
                new AccessTokens(http, mapper, clock, base, "key-1", "secret-1"),
                webhooks,
                base,
                "robot-1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static MockResponse token(String value, long expireIn) {
        return json(200, "{\"accessToken\":\"" + value + "\",\"expireIn\":" + expireIn + "}");
    }

    private static final MockResponse SENT =
            json(200, "{\"processQueryKey\":\"pqk\",\"invalidStaffIdList\":[],\"flowControlledStaffIdList\":[]}");

    private RecordedRequest next() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        return request;
    }

    private JsonNode body(RecordedRequest request) throws IOException {
        return mapper.readTree(request.getBody().utf8());
    }

    private static Outbound reply(String userId, String inReplyTo, String text) {
        return new Outbound("dingtalk:" + inReplyTo + "#1", "dingtalk", userId, text, inReplyTo, 1, 1, START);
    }

    private static Outbound notification(String userId, String text) {
        return Outbound.notification("n-1", "dingtalk", userId, text, START);
    }

    @Test
    void replyWithFreshGroupSessionWebhook_isPostedThereMentioningTheSender() throws Exception {
        webhooks.remember(
                "msg-1",
                new SessionWebhook(server.url("/session/1").toString(), START.plusSeconds(3600), true, "staff-7"));
        server.enqueue(json(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"));

        assertThat(sender.send(reply("staff-7", "msg-1", "收到"))).isEqualTo(new SendResult.Sent());

        RecordedRequest request = next();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/session/1");
        assertThat(request.getHeaders().get("x-acs-dingtalk-access-token")).isNull();
        assertThat(body(request))
                .isEqualTo(mapper.readTree("{\"msgtype\":\"text\",\"text\":{\"content\":\"收到\"},"
                        + "\"at\":{\"atUserIds\":[\"staff-7\"],\"isAtAll\":false}}"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void notification_goesThroughBatchSendWithATokenFetchedOnce() throws Exception {
        server.enqueue(token("tok-A", 7200));
        server.enqueue(SENT);
        server.enqueue(SENT);

        assertThat(sender.send(notification("staff-7", "议题已受理"))).isEqualTo(new SendResult.Sent());
        assertThat(sender.send(notification("staff-8", "again"))).isEqualTo(new SendResult.Sent());

        RecordedRequest tokenRequest = next();
        assertThat(tokenRequest.getUrl().encodedPath()).isEqualTo("/v1.0/oauth2/accessToken");
        assertThat(body(tokenRequest)).isEqualTo(mapper.readTree("{\"appKey\":\"key-1\",\"appSecret\":\"secret-1\"}"));
        RecordedRequest send = next();
        assertThat(send.getUrl().encodedPath()).isEqualTo("/v1.0/robot/oToMessages/batchSend");
        assertThat(send.getHeaders().get("x-acs-dingtalk-access-token")).isEqualTo("tok-A");
        assertThat(body(send))
                .isEqualTo(mapper.readTree("{\"robotCode\":\"robot-1\",\"userIds\":[\"staff-7\"],"
                        + "\"msgKey\":\"sampleText\",\"msgParam\":\"{\\\"content\\\":\\\"议题已受理\\\"}\"}"));
        assertThat(next().getHeaders().get("x-acs-dingtalk-access-token")).isEqualTo("tok-A");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void tokenNearItsExpiry_isRenewed() throws Exception {
        server.enqueue(token("tok-A", 7200));
        server.enqueue(SENT);
        server.enqueue(token("tok-B", 7200));
        server.enqueue(SENT);

        sender.send(notification("staff-7", "one"));
        clock.advance(Duration.ofMinutes(116)); // within 5 minutes of the 2 h expiry
        sender.send(notification("staff-7", "two"));

        next();
        next();
        assertThat(next().getUrl().encodedPath()).isEqualTo("/v1.0/oauth2/accessToken");
        assertThat(next().getHeaders().get("x-acs-dingtalk-access-token")).isEqualTo("tok-B");
    }

    @Test
    void refusedToken_isRenewedOnceAndTheSendRepeated() throws Exception {
        server.enqueue(token("tok-A", 7200));
        server.enqueue(json(
                400, "{\"code\":\"InvalidAuthentication\",\"requestid\":\"r-1\",\"message\":\"不合法的access_token\"}"));
        server.enqueue(token("tok-B", 7200));
        server.enqueue(SENT);

        assertThat(sender.send(notification("staff-7", "hi"))).isEqualTo(new SendResult.Sent());

        next();
        assertThat(next().getHeaders().get("x-acs-dingtalk-access-token")).isEqualTo("tok-A");
        assertThat(next().getUrl().encodedPath()).isEqualTo("/v1.0/oauth2/accessToken");
        assertThat(next().getHeaders().get("x-acs-dingtalk-access-token")).isEqualTo("tok-B");
    }

    @Test
    void tokenRefusedTwice_isRetriedLaterNotLooped() {
        String refused = "{\"code\":\"InvalidAuthentication\",\"message\":\"不合法的access_token\"}";
        server.enqueue(token("tok-A", 7200));
        server.enqueue(json(401, refused));
        server.enqueue(token("tok-B", 7200));
        server.enqueue(json(401, refused));

        assertThat(sender.send(notification("staff-7", "hi"))).isInstanceOf(SendResult.RetryLater.class);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void rateLimitedOrServerError_isRetriedLaterHonouringRetryAfter() {
        server.enqueue(token("tok-A", 7200));
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "7")
                .build());
        server.enqueue(json(503, "{}"));
        server.enqueue(json(403, "{\"code\":\"Forbidden.AccessDenied.QpsLimitForApi\",\"message\":\"qps\"}"));

        assertThat(sender.send(notification("staff-7", "hi")))
                .isEqualTo(new SendResult.RetryLater("batchSend HTTP 429", Duration.ofSeconds(7)));
        assertThat(sender.send(notification("staff-7", "hi")))
                .isEqualTo(new SendResult.RetryLater("batchSend HTTP 503", null));
        assertThat(sender.send(notification("staff-7", "hi"))).isInstanceOf(SendResult.RetryLater.class);
    }

    @Test
    void unknownStaffIdOrBadRequest_isPermanent() {
        server.enqueue(token("tok-A", 7200));
        server.enqueue(json(200, "{\"processQueryKey\":\"pqk\",\"invalidStaffIdList\":[\"ghost\"]}"));
        server.enqueue(json(400, "{\"code\":\"invalidParameter\",\"message\":\"robotCode is wrong\"}"));

        assertThat(sender.send(notification("ghost", "hi"))).isInstanceOf(SendResult.Permanent.class);
        assertThat(sender.send(notification("staff-7", "hi")))
                .isEqualTo(new SendResult.Permanent("batchSend HTTP 400 invalidParameter: robotCode is wrong"));
    }

    @Test
    void flowControlledUser_isRetriedLater() {
        server.enqueue(token("tok-A", 7200));
        server.enqueue(json(200, "{\"processQueryKey\":\"pqk\",\"flowControlledStaffIdList\":[\"staff-7\"]}"));

        assertThat(sender.send(notification("staff-7", "hi"))).isInstanceOf(SendResult.RetryLater.class);
    }

    @Test
    void expiredOrUnknownSession_fallsBackToBatchSend() throws Exception {
        webhooks.remember(
                "msg-1",
                new SessionWebhook(server.url("/session/1").toString(), START.plusSeconds(3600), false, "staff-7"));
        server.enqueue(json(200, "{\"errcode\":300001,\"errmsg\":\"session 不存在\"}"));
        server.enqueue(token("tok-A", 7200));
        server.enqueue(SENT);

        assertThat(sender.send(reply("staff-7", "msg-1", "hi"))).isEqualTo(new SendResult.Sent());

        assertThat(next().getUrl().encodedPath()).isEqualTo("/session/1");
        next();
        assertThat(next().getUrl().encodedPath()).isEqualTo("/v1.0/robot/oToMessages/batchSend");
        assertThat(webhooks.fresh("msg-1")).isEmpty();

        // a webhook past its expiry is not tried at all
        webhooks.remember(
                "msg-2",
                new SessionWebhook(server.url("/session/2").toString(), START.plusSeconds(600), false, "staff-7"));
        clock.advance(Duration.ofMinutes(10));
        server.enqueue(SENT);
        assertThat(sender.send(reply("staff-7", "msg-2", "hi"))).isEqualTo(new SendResult.Sent());
        assertThat(next().getUrl().encodedPath()).isEqualTo("/v1.0/robot/oToMessages/batchSend");
    }

    @Test
    void sessionWebhookTooFast_isRetriedLater() {
        webhooks.remember(
                "msg-1",
                new SessionWebhook(server.url("/session/1").toString(), START.plusSeconds(3600), false, "staff-7"));
        server.enqueue(json(200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}"));

        assertThat(sender.send(reply("staff-7", "msg-1", "hi"))).isInstanceOf(SendResult.RetryLater.class);
        assertThat(webhooks.fresh("msg-1")).isPresent();
    }

    @Test
    void userWithoutStaffId_andNoSession_isPermanentWithoutACall() {
        assertThat(sender.send(notification("$:LWCP_v1:$abc", "hi"))).isInstanceOf(SendResult.Permanent.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void tokenEndpointRefusingTheCredentials_isPermanent_andUnreachable_isRetriedLater() throws IOException {
        server.enqueue(json(400, "{\"code\":\"invalidClientSecret\",\"message\":\"bad secret\"}"));
        assertThat(sender.send(notification("staff-7", "hi"))).isInstanceOf(SendResult.Permanent.class);

        server.close();
        assertThat(sender.send(notification("staff-7", "hi"))).isInstanceOf(SendResult.RetryLater.class);
    }
}
