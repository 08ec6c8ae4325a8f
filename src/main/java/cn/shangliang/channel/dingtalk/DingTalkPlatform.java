package cn.shangliang.channel.dingtalk;

import cn.shangliang.channel.InboundQueue;
import cn.shangliang.channel.OutboundDispatcher;
import cn.shangliang.channel.PipelineMetrics;
import cn.shangliang.channel.Platform;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Builds the DingTalk platform: in HTTP mode the webhook {@code /webhook/dingtalk}; in Stream mode the WebSocket
 * service instead (the route then answers 404). Both share the sender and the in-process session webhooks.
 */
public final class DingTalkPlatform {

    /** Session webhooks remembered at most (each a few hundred bytes). */
    private static final int SESSION_WEBHOOKS = 10_000;

    private DingTalkPlatform() {}

    /**
     * @param queue the durable inbound queue: Stream mode queues robot messages itself (HTTP mode leaves that to the
     *     web layer)
     */
    public static Platform create(
            DingTalkSettings settings,
            ObjectMapper mapper,
            Clock clock,
            OkHttpClient http,
            InboundQueue queue,
            PipelineMetrics metrics,
            RandomGenerator random) {
        HttpUrl apiBase = url(settings.apiBaseUrl(), "api_base_url");
        SessionWebhooks webhooks = new SessionWebhooks(clock, SESSION_WEBHOOKS);
        AccessTokens tokens = new AccessTokens(http, mapper, clock, apiBase, settings.appKey(), settings.appSecret());
        DingTalkSender sender = new DingTalkSender(http, mapper, tokens, webhooks, apiBase, settings.robotCode());
        var rateLimit = new OutboundDispatcher.RateLimit(settings.ratePerMinute(), Duration.ofMinutes(1));
        return switch (settings.mode()) {
            case HTTP ->
                new Platform(
                        RobotCallback.CHANNEL,
                        Optional.of(new DingTalkWebhook(
                                new DingTalkSignature(settings.appSecret()), mapper, clock, webhooks)),
                        sender,
                        rateLimit,
                        List.of());
            case STREAM -> {
                StreamGateway gateway = new StreamGateway(
                        http,
                        mapper,
                        url(settings.gatewayBaseUrl(), "gateway_base_url"),
                        settings.appKey(),
                        settings.appSecret());
                HeldBack heldBack = new HeldBack(queue);
                StreamHandler handler = new StreamHandler(mapper, queue, metrics, clock, webhooks, heldBack);
                yield new Platform(
                        RobotCallback.CHANNEL,
                        Optional.empty(),
                        sender,
                        rateLimit,
                        List.of(
                                heldBack,
                                new StreamClient(
                                        gateway,
                                        handler,
                                        settings.reconnectInitial(),
                                        settings.reconnectMax(),
                                        random)));
            }
        };
    }

    private static HttpUrl url(String value, String key) {
        HttpUrl url = HttpUrl.parse(value);
        if (url == null) {
            throw new IllegalArgumentException(key + " is not an http(s) URL: " + value);
        }
        return url;
    }
}
