package cn.shangliang.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shangliang.channel.telegram.TelegramSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** channels.telegram: on with both secrets from the environment, off with neither, an error with one. */
class TelegramConfigTest {

    private static final String TOKEN = "7000000001:AAEtestTokenForShangliangOnly_x";
    private static final String SECRET = "webhook_secret-1";

    @TempDir
    Path dir;

    private AppConfig load(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("shangliang.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(env).load(file);
    }

    @Test
    void withoutCredentials_isOff() throws IOException {
        assertThat(load("", Map.of()).channels().telegram().settings()).isEmpty();
        assertThat(new ConfigLoader(Map.of())
                        .load(Path.of("config/shangliang.yaml"))
                        .channels()
                        .telegram()
                        .settings())
                .isEmpty();
    }

    @Test
    void withBothCredentials_isOn_withDefaults() throws IOException {
        TelegramSettings settings = load("", Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_SECRET_TOKEN", SECRET))
                .channels()
                .telegram()
                .settings()
                .orElseThrow();

        assertThat(settings.botToken()).isEqualTo(TOKEN);
        assertThat(settings.secretToken()).isEqualTo(SECRET);
        assertThat(settings.botId()).isEqualTo(7000000001L);
        assertThat(settings.baseUrl()).isEqualTo("https://api.telegram.org");
        assertThat(settings.botUsername()).isEmpty();
        assertThat(settings.toString()).doesNotContain(TOKEN).doesNotContain(SECRET);
    }

    @Test
    void environment_setsUsernameAndBaseUrl_overTheFile() throws IOException {
        TelegramSettings settings = load(
                        """
                        channels:
                          telegram:
                            bot_username: old_bot
                            base_url: https://tg.example
                        """,
                        Map.of(
                                "TELEGRAM_BOT_TOKEN",
                                TOKEN,
                                "TELEGRAM_SECRET_TOKEN",
                                SECRET,
                                "TELEGRAM_BOT_USERNAME",
                                "@Shangliang_Bot",
                                "TELEGRAM_API_BASE_URL",
                                "http://127.0.0.1:8081/"))
                .channels()
                .telegram()
                .settings()
                .orElseThrow();

        assertThat(settings.botUsername()).isEqualTo("Shangliang_Bot");
        assertThat(settings.baseUrl()).isEqualTo("http://127.0.0.1:8081");
    }

    @Test
    void variableNames_canBeChanged() throws IOException {
        var telegram = load("""
                        channels:
                          telegram:
                            bot_token_env: MY_TG_TOKEN
                            secret_token_env: MY_TG_SECRET
                        """, Map.of("MY_TG_TOKEN", TOKEN, "MY_TG_SECRET", SECRET))
                .channels()
                .telegram();
        assertThat(telegram.settings()).isPresent();
    }

    @Test
    void oneCredentialWithoutTheOther_isAnErrorNamingTheMissingVariable() {
        assertThatThrownBy(() -> load("", Map.of("TELEGRAM_BOT_TOKEN", TOKEN)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("channels.telegram.secret_token_env")
                .hasMessageContaining("TELEGRAM_SECRET_TOKEN is not set");
        assertThatThrownBy(() -> load("", Map.of("TELEGRAM_SECRET_TOKEN", SECRET)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TELEGRAM_BOT_TOKEN is not set");
    }

    @Test
    void malformedSecrets_areErrorsThatDoNotShowThem() {
        assertThatThrownBy(() -> load("", Map.of("TELEGRAM_BOT_TOKEN", "not-a-token", "TELEGRAM_SECRET_TOKEN", SECRET)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TELEGRAM_BOT_TOKEN")
                .hasMessageNotContaining("not-a-token");
        assertThatThrownBy(() -> load("", Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_SECRET_TOKEN", "has spaces!")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TELEGRAM_SECRET_TOKEN")
                .hasMessageNotContaining("has spaces!");
        assertThatThrownBy(
                        () -> load("", Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_SECRET_TOKEN", "x".repeat(257))))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void badBaseUrl_isAnErrorNamingTheKey() {
        assertThatThrownBy(() -> load(
                        "channels:\n  telegram:\n    base_url: ftp://x\n",
                        Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_SECRET_TOKEN", SECRET)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("channels.telegram.base_url");
    }
}
