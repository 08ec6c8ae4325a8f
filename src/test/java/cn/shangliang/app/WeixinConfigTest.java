package cn.shangliang.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** channels.wecom and channels.wechat: on when their environment credentials are set, checked once. */
class WeixinConfigTest {

    private static final String KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private static final Map<String, String> WECOM = Map.of(
            "WECOM_TOKEN",
            "t",
            "WECOM_AES_KEY",
            KEY,
            "WECOM_CORP_ID",
            "ww1",
            "WECOM_SECRET",
            "s",
            "WECOM_AGENT_ID",
            "1000002");
    private static final Map<String, String> WECHAT =
            Map.of("WECHAT_TOKEN", "t", "WECHAT_APP_ID", "wx1", "WECHAT_APP_SECRET", "s");

    @TempDir
    Path dir;

    private AppConfig load(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("shangliang.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(env).load(file);
    }

    @Test
    void shippedSample_hasBothOff() {
        AppConfig config = new ConfigLoader(Map.of()).load(Path.of("config/shangliang.yaml"));

        assertThat(config.channels().wecom().settings()).isEmpty();
        assertThat(config.channels().wechat().settings()).isEmpty();
        assertThat(config.channels().wecom().baseUrl()).isEqualTo("https://qyapi.weixin.qq.com");
        assertThat(config.channels().wechat().baseUrl()).isEqualTo("https://api.weixin.qq.com");
    }

    @Test
    void credentialsFromTheEnvironment_turnTheChannelsOn() throws IOException {
        Map<String, String> env = new HashMap<>(WECOM);
        env.putAll(WECHAT);

        AppConfig config = load("channels:\n  wecom:\n    base_url: http://127.0.0.1:9/\n", env);

        var wecom = config.channels().wecom().settings().orElseThrow();
        assertThat(wecom.agentId()).isEqualTo(1000002);
        assertThat(wecom.corpId()).isEqualTo("ww1");
        assertThat(wecom.baseUrl()).isEqualTo("http://127.0.0.1:9/");
        assertThat(wecom.ratePerMinute()).isEqualTo(30);
        assertThat(wecom.toString()).doesNotContain(KEY);
        var wechat = config.channels().wechat().settings().orElseThrow();
        assertThat(wechat.safeMode()).isFalse();
    }

    @Test
    void secretsInTheFile_areIgnored() throws IOException {
        AppConfig config = load("channels:\n  wecom:\n    token: fromfile\n    secret: fromfile\n", Map.of());

        assertThat(config.channels().wecom().settings()).isEmpty();
    }

    @Test
    void someButNotAllCredentials_isAnErrorNamingTheMissingVariables() {
        Map<String, String> env = new HashMap<>(WECOM);
        env.remove("WECOM_SECRET");

        assertThatThrownBy(() -> load("", env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("channels.wecom")
                .hasMessageContaining("not set: WECOM_SECRET");
    }

    @Test
    void badAesKeyOrAgentId_areErrors() {
        Map<String, String> badKey = new HashMap<>(WECOM);
        badKey.put("WECOM_AES_KEY", KEY + "=");
        assertThatThrownBy(() -> load("", badKey)).hasMessageContaining("WECOM_AES_KEY");

        Map<String, String> badAgent = new HashMap<>(WECOM);
        badAgent.put("WECOM_AGENT_ID", "app-1");
        assertThatThrownBy(() -> load("", badAgent)).hasMessageContaining("WECOM_AGENT_ID");

        Map<String, String> keyAlone = Map.of("WECHAT_AES_KEY", KEY);
        assertThatThrownBy(() -> load("", keyAlone)).hasMessageContaining("WECHAT_AES_KEY is set");
    }
}
