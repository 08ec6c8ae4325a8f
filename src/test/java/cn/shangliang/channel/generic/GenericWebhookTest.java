package cn.shangliang.channel.generic;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.Application;
import cn.shangliang.testing.Gen;
import cn.shangliang.testing.Properties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GenericWebhookTest {

    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");
    private final GenericSignature signature = new GenericSignature("test-secret");
    private final GenericWebhook webhook = new GenericWebhook(
            signature, Application.objectMapper(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(300));

    private static String body(String text, long timestamp) {
        return "{\"message_id\":\"m-1\",\"user_id\":\"u-1\",\"user_name\":\"王阿姨\",\"text\":" + text + ",\"timestamp\":"
                + timestamp + "}";
    }

    private GenericWebhook.Verdict check(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return webhook.check(bytes, "application/json; charset=utf-8", signature.sign(bytes));
    }

    private static int status(GenericWebhook.Verdict verdict) {
        return verdict instanceof GenericWebhook.Verdict.Reject r ? r.status() : 202;
    }

    @Test
    void check_signedFreshMessage_isAcceptedAsNeutralInbound() {
        var verdict = check(body("\"村口路灯坏了 🙏\"", NOW.getEpochSecond() - 10));

        assertThat(verdict).isInstanceOf(GenericWebhook.Verdict.Accept.class);
        var message = ((GenericWebhook.Verdict.Accept) verdict).message();
        assertThat(message.channel()).isEqualTo("generic");
        assertThat(message.key()).isEqualTo("generic:m-1");
        assertThat(message.userName()).isEqualTo("王阿姨");
        assertThat(message.text()).isEqualTo("村口路灯坏了 🙏");
    }

    @Test
    void check_missingOrWrongSignature_is401() {
        byte[] bytes = body("\"hi\"", NOW.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
        assertThat(status(webhook.check(bytes, "application/json", null))).isEqualTo(401);
        assertThat(status(webhook.check(bytes, "application/json", "sha256=00ff")))
                .isEqualTo(401);
        assertThat(status(webhook.check(bytes, "application/json", "sha256=zz")))
                .isEqualTo(401);
        String otherKey = new GenericSignature("other").sign(bytes);
        assertThat(status(webhook.check(bytes, "application/json", otherKey))).isEqualTo(401);
    }

    @Test
    void check_wrongContentType_is415() {
        byte[] bytes = body("\"hi\"", NOW.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
        assertThat(status(webhook.check(bytes, "text/plain", signature.sign(bytes))))
                .isEqualTo(415);
        assertThat(status(webhook.check(bytes, null, signature.sign(bytes)))).isEqualTo(415);
    }

    @Test
    void check_bodyOver64KiB_is413() {
        byte[] bytes = new byte[GenericWebhook.MAX_BODY + 1];
        assertThat(status(webhook.check(bytes, "application/json", signature.sign(bytes))))
                .isEqualTo(413);
    }

    @Test
    void check_malformedJsonOrNotAnObject_is400() {
        assertThat(status(check("{\"message_id\":"))).isEqualTo(400);
        assertThat(status(check("[1,2]"))).isEqualTo(400);
        assertThat(status(check("\"text\""))).isEqualTo(400);
    }

    @Test
    void check_invalidUtf8_is400() {
        byte[] bytes = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        var verdict = webhook.check(bytes, "application/json", signature.sign(bytes));
        assertThat(verdict).isEqualTo(new GenericWebhook.Verdict.Reject(400, "body is not valid UTF-8"));
    }

    @Test
    void check_staleOrFutureTimestamp_isRefused() {
        assertThat(status(check(body("\"hi\"", NOW.getEpochSecond() - 301)))).isEqualTo(401);
        assertThat(status(check(body("\"hi\"", NOW.getEpochSecond() + 301)))).isEqualTo(401);
        assertThat(status(check(body("\"hi\"", NOW.getEpochSecond() - 300)))).isEqualTo(202);
    }

    @Test
    void check_emptyOrBlankText_is422() {
        assertThat(status(check(body("\"\"", NOW.getEpochSecond())))).isEqualTo(422);
        assertThat(status(check(body("\"   \\n \"", NOW.getEpochSecond())))).isEqualTo(422);
    }

    @Test
    void check_textOver4000Characters_is422_butExactly4000IsAccepted() {
        String ok = "路".repeat(4000);
        assertThat(status(check(body("\"" + ok + "\"", NOW.getEpochSecond())))).isEqualTo(202);
        assertThat(status(check(body("\"" + ok + "灯\"", NOW.getEpochSecond())))).isEqualTo(422);
        String emoji = "😀".repeat(4000); // 8000 UTF-16 units, 4000 characters
        assertThat(status(check(body("\"" + emoji + "\"", NOW.getEpochSecond()))))
                .isEqualTo(202);
    }

    @Test
    void check_missingFields_is400() {
        long ts = NOW.getEpochSecond();
        assertThat(status(check("{\"user_id\":\"u\",\"text\":\"hi\",\"timestamp\":" + ts + "}")))
                .isEqualTo(400);
        assertThat(status(check("{\"message_id\":\"m\",\"text\":\"hi\",\"timestamp\":" + ts + "}")))
                .isEqualTo(400);
        assertThat(status(check("{\"message_id\":\"m\",\"user_id\":\"u\",\"timestamp\":" + ts + "}")))
                .isEqualTo(400);
        assertThat(status(check("{\"message_id\":\"m\",\"user_id\":\"u\",\"text\":\"hi\"}")))
                .isEqualTo(400);
        assertThat(status(check("{\"message_id\":\"m\",\"user_id\":\"u\",\"text\":\"hi\",\"timestamp\":\"x\"}")))
                .isEqualTo(400);
        assertThat(status(check("{\"message_id\":\"" + "m".repeat(129) + "\",\"user_id\":\"u\",\"text\":\"hi\","
                        + "\"timestamp\":" + ts + "}")))
                .isEqualTo(400);
    }

    @Test
    void check_timestampAtTheEndsOfLong_is4xxNotAnException() {
        assertThat(status(check(body("\"hi\"", Long.MAX_VALUE)))).isBetween(400, 499);
        assertThat(status(check(body("\"hi\"", Long.MIN_VALUE)))).isBetween(400, 499);
        assertThat(status(check(body("\"hi\"", -NOW.getEpochSecond())))).isBetween(400, 499);
    }

    /** Any signed body, well-formed or not: accepted or a 4xx, never an exception (which would be a 500). */
    @Test
    void check_anySignedBody_isAcceptedOr4xx() {
        Properties.forAll(bodies(), 300, json -> {
            int status = status(check(json));
            assertThat(status == 202 || (status >= 400 && status < 500))
                    .as("status %d", status)
                    .isTrue();
        });
    }

    @Test
    void check_anyBytes_isAcceptedOr4xx() {
        Properties.forAll(Gen.bytes(255), 100, bytes -> {
            int status = status(webhook.check(bytes, "application/json", signature.sign(bytes)));
            assertThat(status).isBetween(400, 499);
        });
    }

    private static Gen<String> bodies() {
        Gen<String> value = Gen.oneOf(
                Gen.longs().map(Object::toString),
                Gen.doubles().map(Object::toString),
                Gen.of("1e308", "-1e308", "1.5e400", "null", "true", "[]", "{}", "\"\"", "\"\\ud800\""),
                Gen.strings(50).map(GenericWebhookTest::quoted),
                Gen.just(Long.toString(NOW.getEpochSecond())));
        return r -> {
            String id = value.next(r);
            String user = value.next(r);
            String text = value.next(r);
            String ts = value.next(r);
            return "{\"message_id\":" + id + ",\"user_id\":" + user + ",\"text\":" + text + ",\"timestamp\":" + ts
                    + "}";
        };
    }

    private static String quoted(String s) {
        try {
            return Application.objectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
