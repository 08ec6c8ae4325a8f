package cn.shangliang.channel.wecom;

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

/** Puts the WeCom webhook and sender together from the settings. */
public final class WeComPlatform {

    /** A token is renewed this long before WeCom says it expires. */
    static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);

    private WeComPlatform() {}

    public static Platform create(
            WeComSettings settings, OkHttpClient http, ObjectMapper mapper, Clock clock, RandomGenerator random) {
        HttpUrl base = HttpUrl.get(settings.baseUrl());
        var crypt = new WxBizMsgCrypt(settings.token(), settings.aesKey(), settings.corpId(), random);
        var api = new WxApi(
                http, mapper, WeComSender.tokenUrl(base, settings.corpId(), settings.secret()), clock, TOKEN_MARGIN);
        return new Platform(
                WeComWebhook.CHANNEL,
                Optional.of(new WeComWebhook(crypt)),
                new WeComSender(api, base, settings.agentId()),
                new OutboundDispatcher.RateLimit(settings.ratePerMinute(), Duration.ofMinutes(1)),
                List.of());
    }
}
