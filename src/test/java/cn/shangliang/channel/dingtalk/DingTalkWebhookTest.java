package cn.shangliang.channel.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.channel.WebhookAdapter;
import cn.shangliang.testing.Gen;
import cn.shangliang.testing.Properties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DingTalkWebhookTest {

    private static final String SECRET = "this is secret";
    private static final String TIMESTAMP = "1577262236757";
    /** See DingTalkSignatureTest: openssl dgst -sha256 -hmac of "1577262236757\nthis is secret". */
    private static final String SIGN = "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=";

    private final Instant now = Instant.ofEpochMilli(Long.parseLong(TIMESTAMP)).plus(Duration.ofMinutes(5));
    private final Clock clock = Clock.fixed(now, ZoneId.of("Asia/Shanghai"));
    private final SessionWebhooks webhooks = new SessionWebhooks(clock, 100);
    private final DingTalkWebhook adapter =
            new DingTalkWebhook(new DingTalkSignature(SECRET), new ObjectMapper(), clock, webhooks);

    private static byte[] callback(long sessionExpiry) throws IOException {
        try (InputStream in = DingTalkWebhookTest.class.getResourceAsStream("RobotCallbackTest/group-text.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("1613635652738", Long.toString(sessionExpiry))
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private WebhookAdapter.Verdict post(byte[] body, String timestamp, String sign) {
        return adapter.handle(new WebhookAdapter.Request(
                "POST",
                Map.of(),
                Map.of("timestamp", timestamp, "sign", sign, "content-type", "application/json; charset=utf-8"),
                body,
                now));
    }

    private static void assertRejected(WebhookAdapter.Verdict verdict, int status) {
        assertThat(verdict).isInstanceOfSatisfying(WebhookAdapter.Verdict.Reject.class, r -> {
            assertThat(r.response().status()).isEqualTo(status);
            assertThat(new String(r.response().body(), StandardCharsets.UTF_8)).contains("\"error\"");
        });
    }

    @Test
    void signedTextMessage_isQueuedAndItsSessionWebhookRemembered() throws IOException {
        long expiry = now.plus(Duration.ofMinutes(90)).toEpochMilli();

        var verdict = post(callback(expiry), TIMESTAMP, SIGN);

        assertThat(verdict).isInstanceOfSatisfying(WebhookAdapter.Verdict.Enqueue.class, e -> {
            assertThat(e.message().key()).isEqualTo("dingtalk:msg0xxxxx");
            assertThat(e.message().userId()).isEqualTo("user123");
            assertThat(e.message().text()).isEqualTo("你好");
            assertThat(e.accepted().status()).isEqualTo(200);
            assertThat(e.duplicate().status()).isEqualTo(200);
        });
        assertThat(webhooks.fresh("msg0xxxxx")).hasValueSatisfying(s -> {
            assertThat(s.url()).isEqualTo("https://oapi.dingtalk.com/robot/sendBySession?session=xxxxx");
            assertThat(s.expiresAt()).isEqualTo(Instant.ofEpochMilli(expiry));
        });
    }

    @Test
    void expiredSessionWebhook_isNotRemembered() throws IOException {
        post(callback(now.minusSeconds(1).toEpochMilli()), TIMESTAMP, SIGN);

        assertThat(webhooks.fresh("msg0xxxxx")).isEmpty();
    }

    @Test
    void badSignStaleTimestampOrMissingHeaders_areRefusedWith401() throws IOException {
        byte[] body = callback(0);
        assertRejected(post(body, TIMESTAMP, "AAAA" + SIGN.substring(4)), 401);
        assertRejected(post(body, TIMESTAMP, ""), 401);
        assertRejected(post(body, "", SIGN), 401);
        long stale = now.minus(Duration.ofMinutes(61)).toEpochMilli();
        var staleSigned = new DingTalkSignature(SECRET).sign(Long.toString(stale));
        assertRejected(post(body, Long.toString(stale), staleSigned), 401);
    }

    @Test
    void badBodies_areRefusedWith400Or422() throws IOException {
        assertRejected(post("{oops".getBytes(StandardCharsets.UTF_8), TIMESTAMP, SIGN), 400);
        assertRejected(post(new byte[] {'{', '"', (byte) 0xFF, '"', '}'}, TIMESTAMP, SIGN), 400);
        assertRejected(post("{\"msgtype\":\"text\"}".getBytes(StandardCharsets.UTF_8), TIMESTAMP, SIGN), 400);
        byte[] blank = new String(callback(0), StandardCharsets.UTF_8)
                .replace("\" 你好\"", "\"  \"")
                .getBytes(StandardCharsets.UTF_8);
        assertRejected(post(blank, TIMESTAMP, SIGN), 422);
    }

    @Test
    void otherMessageTypes_areAnsweredAndNotQueued() throws IOException {
        byte[] picture;
        try (InputStream in = getClass().getResourceAsStream("RobotCallbackTest/picture.json")) {
            picture = in.readAllBytes();
        }

        assertThat(post(picture, TIMESTAMP, SIGN))
                .isInstanceOfSatisfying(
                        WebhookAdapter.Verdict.Answer.class,
                        a -> assertThat(a.response().status()).isEqualTo(200));
    }

    @Test
    void get_isRefused() {
        var verdict = adapter.handle(new WebhookAdapter.Request("GET", Map.of(), Map.of(), new byte[0], now));

        assertRejected(verdict, 405);
    }

    /** Any correctly signed body: a 2xx or a 4xx answer, never an exception (which would be a 500). */
    @Test
    void handle_signedAnyBody_answers2xxOr4xx() {
        Properties.forAll(jsonish(), 300, body -> {
            var verdict = post(body.getBytes(StandardCharsets.UTF_8), TIMESTAMP, SIGN);
            assertThat(cn.shangliang.channel.WebhookVerdicts.status(verdict)).isBetween(200, 499);
        });
    }

    @Test
    void handle_anyTimestampAndSign_answers4xx() {
        record Case(String timestamp, String sign) {}
        Gen<String> numbers = numbers();
        Gen<String> signs = Gen.strings(255);
        Properties.forAll(r -> new Case(numbers.next(r), signs.next(r)), 200, c -> {
            var verdict = post(new byte[0], c.timestamp(), c.sign());
            assertThat(cn.shangliang.channel.WebhookVerdicts.status(verdict)).isBetween(400, 499);
        });
    }

    private static Gen<String> numbers() {
        return Gen.oneOf(
                Gen.longs().map(Object::toString),
                Gen.strings(25),
                Gen.of("9223372036854775807", "-9223372036854775808", "99999999999999999999", ""));
    }

    private static Gen<String> jsonish() {
        return cn.shangliang.channel.WebhookVerdicts.robotCallbacks();
    }
}
