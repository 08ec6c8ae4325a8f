package cn.shangliang.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTokenTest {

    private final SecretToken secret = new SecretToken("abc_DEF-123");

    @Test
    void sameValue_matches() {
        assertThat(secret.matches("abc_DEF-123")).isTrue();
    }

    @Test
    void anyOtherValue_doesNot() {
        assertThat(secret.matches(null)).isFalse();
        assertThat(secret.matches("")).isFalse();
        assertThat(secret.matches("abc_DEF-12")).isFalse();
        assertThat(secret.matches("abc_DEF-1234")).isFalse();
        assertThat(secret.matches("ABC_DEF-123")).isFalse();
        assertThat(secret.matches(" abc_DEF-123")).isFalse();
    }

    @Test
    void emptySecret_isRefused() {
        assertThatThrownBy(() -> new SecretToken("")).isInstanceOf(IllegalArgumentException.class);
    }
}
