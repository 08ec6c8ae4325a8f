package cn.shangliang.channel.dingtalk;

import java.time.Duration;
import java.util.Objects;

/**
 * What the DingTalk channel needs from the configuration (validated there).
 *
 * @param appKey the app's AppKey (OAuth ClientID); also the default robot code
 * @param appSecret the app's AppSecret (OAuth ClientSecret): signs HTTP callbacks, opens Stream connections, gets
 *     access tokens
 * @param mode how robot messages arrive: HTTP callbacks to {@code /webhook/dingtalk}, or the Stream WebSocket
 * @param robotCode the robot code for the OpenAPI send ({@code robotCode}); for an enterprise-internal app's robot
 *     it is the AppKey
 * @param apiBaseUrl base of the v1.0 OpenAPI (access token, robot send), {@code https://api.dingtalk.com}
 * @param gatewayBaseUrl base of the Stream gateway registration ({@code /v1.0/gateway/connections/open})
 * @param ratePerMinute replies per recipient per minute
 * @param reconnectInitial first wait before reconnecting a dropped Stream connection (doubles up to
 *     {@code reconnectMax}, with jitter)
 */
public record DingTalkSettings(
        String appKey,
        String appSecret,
        Mode mode,
        String robotCode,
        String apiBaseUrl,
        String gatewayBaseUrl,
        int ratePerMinute,
        Duration reconnectInitial,
        Duration reconnectMax) {

    /** How robot messages reach Shangliang. */
    public enum Mode {
        HTTP,
        STREAM
    }

    public DingTalkSettings {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(mode, "mode");
        if (appKey.isBlank() || appSecret.isBlank()) {
            throw new IllegalArgumentException("DingTalk needs both the app key and the app secret");
        }
        robotCode = robotCode == null || robotCode.isBlank() ? appKey : robotCode;
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(gatewayBaseUrl, "gatewayBaseUrl");
        Objects.requireNonNull(reconnectInitial, "reconnectInitial");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
    }
}
