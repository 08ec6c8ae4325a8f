package cn.shangliang.channel.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DingTalkSignatureTest {

    private static final String TIMESTAMP = "1577262236757";
    /**
     * Computed independently of this code (PLATFORMS.md §3.1 derived check value):
     * {@code printf '1577262236757\nthis is secret' | openssl dgst -sha256 -hmac 'this is secret' -binary | base64}.
     */
    private static final String SIGN = "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=";

    private final DingTalkSignature signature = new DingTalkSignature("this is secret");
    private final Instant sent = Instant.ofEpochMilli(Long.parseLong(TIMESTAMP));

    @Test
    void sign_documentedExample_matchesOpensslValue() {
        assertThat(signature.sign(TIMESTAMP)).isEqualTo(SIGN);
    }

    @Test
    void problem_rightSignWithinTheHour_isNone() {
        assertThat(signature.problem(TIMESTAMP, SIGN, sent)).isEmpty();
        assertThat(signature.problem(TIMESTAMP, SIGN, sent.plus(Duration.ofMinutes(59))))
                .isEmpty();
        assertThat(signature.problem(TIMESTAMP, SIGN, sent.minus(Duration.ofMinutes(59))))
                .isEmpty();
    }

    @Test
    void problem_timestampMoreThanAnHourAway_isStale() {
        assertThat(signature.problem(TIMESTAMP, SIGN, sent.plus(Duration.ofMinutes(61))))
                .hasValueSatisfying(p -> assertThat(p).contains("one hour"));
        assertThat(signature.problem(TIMESTAMP, SIGN, sent.minus(Duration.ofMinutes(61))))
                .hasValueSatisfying(p -> assertThat(p).contains("one hour"));
    }

    @Test
    void problem_wrongSignOrOtherSecret_isBadSign() {
        assertThat(signature.problem(TIMESTAMP, "imPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=", sent))
                .hasValue("bad sign");
        // decodes to the same bytes (the last character's low bits are padding), but is not what DingTalk sends
        assertThat(signature.problem(TIMESTAMP, "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQN=", sent))
                .hasValue("bad sign");
        assertThat(new DingTalkSignature("another secret").problem(TIMESTAMP, SIGN, sent))
                .hasValue("bad sign");
        // the sign of another timestamp within the window
        String other = signature.sign("1577262236758");
        assertThat(signature.problem(TIMESTAMP, other, sent)).hasValue("bad sign");
    }

    @Test
    void problem_malformedHeaders_areNamed() {
        assertThat(signature.problem("", SIGN, sent)).hasValue("missing timestamp or sign header");
        assertThat(signature.problem(TIMESTAMP, null, sent)).hasValue("missing timestamp or sign header");
        assertThat(signature.problem("yesterday", SIGN, sent)).hasValue("timestamp is not a number of milliseconds");
        assertThat(signature.problem(TIMESTAMP, "not base64 !", sent)).hasValue("bad sign");
    }
}
