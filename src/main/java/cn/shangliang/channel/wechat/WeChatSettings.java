package cn.shangliang.channel.wechat;

import java.util.Objects;

/**
 * A WeChat Official Account (公众号) as configured: the server-configuration token, the EncodingAESKey (empty: plain
 * mode only), app id and secret, the API base URL and the per-user send rate.
 */
public record WeChatSettings(
        String token, String aesKey, String appId, String appSecret, String baseUrl, int ratePerMinute) {

    public WeChatSettings {
        Objects.requireNonNull(token, "token");
        aesKey = aesKey == null ? "" : aesKey;
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    public boolean safeMode() {
        return !aesKey.isEmpty();
    }

    @Override
    public String toString() {
        return "WeChatSettings[appId=" + appId + ", safeMode=" + safeMode() + ", baseUrl=" + baseUrl + "]";
    }
}
