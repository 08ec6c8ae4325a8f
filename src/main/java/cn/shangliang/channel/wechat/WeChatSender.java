package cn.shangliang.channel.wechat;

import cn.shangliang.channel.ChannelSender;
import cn.shangliang.channel.Outbound;
import cn.shangliang.channel.weixin.ChunkedSends;
import cn.shangliang.channel.weixin.WxApi;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Sends replies as customer-service text messages ({@code cgi-bin/message/custom/send}) to the user's openid. WeChat
 * allows these only within 48 hours of the user's last message (errcode 45015 otherwise, which is permanent: the
 * reply is dead-lettered and logged). Long replies go out in pieces of at most 2,048 bytes, in order.
 */
public final class WeChatSender implements ChannelSender {

    /** Kept at WeCom's documented 2,048 bytes; WeChat documents no smaller limit for customer-service text. */
    public static final int MAX_TEXT_BYTES = 2048;

    private final WxApi api;
    private final HttpUrl sendUrl;
    private final ChunkedSends chunks = new ChunkedSends(MAX_TEXT_BYTES);

    /** @param baseUrl the API root, {@code https://api.weixin.qq.com} in production */
    public WeChatSender(WxApi api, HttpUrl baseUrl) {
        this.api = api;
        this.sendUrl = baseUrl.newBuilder()
                .addPathSegments("cgi-bin/message/custom/send")
                .build();
    }

    /** {@code cgi-bin/token?grant_type=client_credential&appid=…&secret=…}. */
    public static HttpUrl tokenUrl(HttpUrl baseUrl, String appId, String appSecret) {
        return baseUrl.newBuilder()
                .addPathSegments("cgi-bin/token")
                .addQueryParameter("grant_type", "client_credential")
                .addQueryParameter("appid", appId)
                .addQueryParameter("secret", appSecret)
                .build();
    }

    @Override
    public String channel() {
        return WeChatWebhook.CHANNEL;
    }

    @Override
    public SendResult send(Outbound message) {
        return chunks.send(message, piece -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("touser", message.userId());
            body.put("msgtype", "text");
            body.put("text", Map.of("content", piece));
            return api.post(sendUrl, body);
        });
    }
}
