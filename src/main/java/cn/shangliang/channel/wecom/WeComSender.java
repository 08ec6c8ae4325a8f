package cn.shangliang.channel.wecom;

import cn.shangliang.channel.ChannelSender;
import cn.shangliang.channel.Outbound;
import cn.shangliang.channel.weixin.ChunkedSends;
import cn.shangliang.channel.weixin.WxApi;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Sends replies through {@code cgi-bin/message/send} as text messages of the app ({@code agentid}) to one member
 * ({@code touser} = the member's UserID). The text of one message is at most 2,048 bytes UTF-8, so a longer reply goes
 * out as several messages in order. Success is {@code errcode} 0 with no {@code invaliduser}; see {@link WxApi} for
 * the token and the other error codes.
 */
public final class WeComSender implements ChannelSender {

    /** "content ≤ 2048 bytes" (message/send, text). */
    public static final int MAX_TEXT_BYTES = 2048;

    private final WxApi api;
    private final HttpUrl sendUrl;
    private final int agentId;
    private final ChunkedSends chunks = new ChunkedSends(MAX_TEXT_BYTES);

    /** @param baseUrl the API root, {@code https://qyapi.weixin.qq.com} in production */
    public WeComSender(WxApi api, HttpUrl baseUrl, int agentId) {
        this.api = api;
        this.sendUrl =
                baseUrl.newBuilder().addPathSegments("cgi-bin/message/send").build();
        this.agentId = agentId;
    }

    /** The token URL of a corp: {@code cgi-bin/gettoken?corpid=…&corpsecret=…}. */
    public static HttpUrl tokenUrl(HttpUrl baseUrl, String corpId, String secret) {
        return baseUrl.newBuilder()
                .addPathSegments("cgi-bin/gettoken")
                .addQueryParameter("corpid", corpId)
                .addQueryParameter("corpsecret", secret)
                .build();
    }

    @Override
    public String channel() {
        return WeComWebhook.CHANNEL;
    }

    @Override
    public SendResult send(Outbound message) {
        return chunks.send(message, piece -> sendPiece(message.userId(), piece));
    }

    private WxApi.Result sendPiece(String userId, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("touser", userId);
        body.put("msgtype", "text");
        body.put("agentid", agentId);
        body.put("text", Map.of("content", text));
        body.put("safe", 0);
        WxApi.Result result = api.post(sendUrl, body);
        if (result instanceof WxApi.Result.Ok ok
                && !ok.body().path("invaliduser").asText("").isBlank()) {
            return new WxApi.Result.Failed(new SendResult.Permanent(
                    "invaliduser " + ok.body().path("invaliduser").asText()));
        }
        return result;
    }
}
