package cn.shangliang.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shangliang.channel.dingtalk.DingTalkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DingTalkConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("shangliang.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void withoutCredentials_channelIsOff() throws IOException {
        AppConfig config = new ConfigLoader(Map.of()).load(write(""));

        assertThat(config.channels().dingtalk().settings()).isEmpty();
    }

    @Test
    void credentialsFromEnvironment_turnItOnWithDefaults() throws IOException {
        AppConfig config =
                new ConfigLoader(Map.of("DINGTALK_APP_KEY", "key", "DINGTALK_APP_SECRET", "secret")).load(write(""));

        DingTalkSettings s = config.channels().dingtalk().settings().orElseThrow();
        assertThat(s.appKey()).isEqualTo("key");
        assertThat(s.appSecret()).isEqualTo("secret");
        assertThat(s.mode()).isEqualTo(DingTalkSettings.Mode.HTTP);
        assertThat(s.robotCode()).isEqualTo("key");
        assertThat(s.apiBaseUrl()).isEqualTo("https://api.dingtalk.com");
        assertThat(s.gatewayBaseUrl()).isEqualTo("https://api.dingtalk.com");
        assertThat(s.ratePerMinute()).isEqualTo(20);
        assertThat(s.reconnectInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.reconnectMax()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void modeFromEnvironment_overridesTheFile() throws IOException {
        AppConfig config = new ConfigLoader(
                        Map.of("DINGTALK_APP_KEY", "key", "DINGTALK_APP_SECRET", "secret", "DINGTALK_MODE", "Stream"))
                .load(write("channels:\n  dingtalk:\n    mode: http\n    robot_code: robot-9\n"));

        DingTalkSettings s = config.channels().dingtalk().settings().orElseThrow();
        assertThat(s.mode()).isEqualTo(DingTalkSettings.Mode.STREAM);
        assertThat(s.robotCode()).isEqualTo("robot-9");
    }

    @Test
    void secretInTheFile_isIgnored() throws IOException {
        AppConfig config = new ConfigLoader(Map.of()).load(write("channels:\n  dingtalk:\n    app_secret: leaked\n"));

        assertThat(config.channels().dingtalk().appSecret()).isEmpty();
    }

    @Test
    void badValues_areNamed() throws IOException {
        Path badMode = write("channels:\n  dingtalk:\n    mode: websocket\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(badMode))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("channels.dingtalk.mode")
                .hasMessageContaining("websocket");
        Path badUrl = write("channels:\n  dingtalk:\n    api_base_url: ftp://x\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(badUrl))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("channels.dingtalk.api_base_url");
        Path empty = write("");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("DINGTALK_APP_KEY", "key")).load(empty))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("channels.dingtalk.app_secret")
                .hasMessageContaining("DINGTALK_APP_SECRET");
    }
}
