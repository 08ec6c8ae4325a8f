package cn.shangliang.channel.wechat;

import cn.shangliang.channel.OutboundDispatcher;
import cn.shangliang.channel.Platform;
import cn.shangliang.channel.weixin.WxApi;
import cn.shangliang.channel.weixin.WxBizMsgCrypt;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Puts the Official Account webhook and sender together from the settings. */
public final class WeChatPlatform {

    /** A token is renewed this long before WeChat says it expires. */
    static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);

    private WeChatPlatform() {}

    /** @param welcome the passive answer to a new follower (from the reply catalogue) */
    public static Platform create(
            WeChatSettings settings,
            String welcome,
            OkHttpClient http,
            ObjectMapper mapper,
            Clock clock,
            RandomGenerator random) {
        HttpUrl base = HttpUrl.get(settings.baseUrl());
        Optional<WxBizMsgCrypt> crypt = settings.safeMode()
                ? Optional.of(new WxBizMsgCrypt(settings.token(), settings.aesKey(), settings.appId(), random))
                : Optional.empty();
        var api = new WxApi(
                http, mapper, WeChatSender.tokenUrl(base, settings.appId(), settings.appSecret()), clock, TOKEN_MARGIN);
        return new Platform(
                WeChatWebhook.CHANNEL,
                Optional.of(new WeChatWebhook(settings.token(), crypt, welcome, random)),
                new WeChatSender(api, base),
                new OutboundDispatcher.RateLimit(settings.ratePerMinute(), Duration.ofMinutes(1)),
                List.of());
    }
}
