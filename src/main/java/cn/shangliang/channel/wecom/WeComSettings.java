package cn.shangliang.channel.wecom;

import java.util.Objects;

/**
 * A WeCom self-built app (企业微信自建应用) as configured: callback token and EncodingAESKey from the app's "接收消息"
 * page, the corp id, the app's secret and agent id, the API base URL and the per-member send rate.
 */
public record WeComSettings(
        String token, String aesKey, String corpId, String secret, int agentId, String baseUrl, int ratePerMinute) {

    public WeComSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(aesKey, "aesKey");
        Objects.requireNonNull(corpId, "corpId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    @Override
    public String toString() {
        return "WeComSettings[corpId=" + corpId + ", agentId=" + agentId + ", baseUrl=" + baseUrl + "]";
    }
}
