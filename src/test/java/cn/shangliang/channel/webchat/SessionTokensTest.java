package cn.shangliang.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private final byte[] key = new byte[32];
    private final SessionTokens tokens = new SessionTokens(key);

    @Test
    void token_isStablePerUid_andValidOnlyForIt() {
        String token = tokens.issue("w12345678");

        assertThat(token).hasSize(43).isEqualTo(tokens.issue("w12345678"));
        assertThat(tokens.valid("w12345678", token)).isTrue();
        assertThat(tokens.valid("w12345679", token)).isFalse();
        assertThat(tokens.valid("w12345678", null)).isFalse();
        assertThat(tokens.valid("w12345678", "")).isFalse();
    }

    @Test
    void token_ofAnotherKey_isNotValid() {
        byte[] other = Arrays.copyOf(key, key.length);
        other[0] = 1;
        assertThat(tokens.valid("w12345678", new SessionTokens(other).issue("w12345678")))
                .isFalse();
    }
}
