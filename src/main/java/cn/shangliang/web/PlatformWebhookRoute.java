package cn.shangliang.web;

import cn.shangliang.channel.InboundQueue;
import cn.shangliang.channel.PipelineMetrics;
import cn.shangliang.channel.WebhookAdapter;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one platform's {@link WebhookAdapter}: reads the body (413 past the adapter's limit), lets the adapter decide,
 * and for a message to accept answers only once it is in the durable stream (503 while Redis is away, so that the
 * platform retries; its retry is then recognised as a duplicate).
 */
final class PlatformWebhookRoute {

    private static final Logger log = LoggerFactory.getLogger(PlatformWebhookRoute.class);

    private final WebhookAdapter adapter;
    private final InboundQueue queue;
    private final PipelineMetrics metrics;
    private final Clock clock;

    PlatformWebhookRoute(WebhookAdapter adapter, InboundQueue queue, PipelineMetrics metrics, Clock clock) {
        this.adapter = adapter;
        this.queue = queue;
        this.metrics = metrics;
        this.clock = clock;
    }

    void handle(Context ctx) throws IOException {
        long start = System.nanoTime();
        byte[] body = BodyLimit.read(ctx, adapter.maxBodyBytes());
        if (body.length > adapter.maxBodyBytes()) {
            reply(ctx, reject(adapter.tooLarge(), "body over the size limit"));
            return;
        }
        Map<String, String> query = new HashMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!values.isEmpty()) {
                query.put(name, values.get(0));
            }
        });
        Map<String, String> headers = new HashMap<>();
        ctx.headerMap().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        var request = new WebhookAdapter.Request(ctx.method().name(), query, headers, body, clock.instant());
        switch (adapter.handle(request)) {
            case WebhookAdapter.Verdict.Answer a -> reply(ctx, a.response());
            case WebhookAdapter.Verdict.Reject r -> reply(ctx, reject(r.response(), r.reason()));
            case WebhookAdapter.Verdict.Enqueue e -> {
                switch (queue.enqueue(e.message())) {
                    case InboundQueue.EnqueueResult.Accepted ok -> {
                        metrics.received(adapter.channel());
                        metrics.acknowledged(Duration.ofNanos(System.nanoTime() - start));
                        reply(ctx, e.accepted());
                    }
                    case InboundQueue.EnqueueResult.Duplicate dup -> {
                        metrics.duplicate(adapter.channel());
                        reply(ctx, e.duplicate());
                    }
                }
            }
        }
    }

    private WebhookAdapter.Response reject(WebhookAdapter.Response response, String reason) {
        log.info("{} webhook refused ({}): {}", adapter.channel(), response.status(), reason);
        metrics.rejected(adapter.channel(), response.status());
        return response;
    }

    private static void reply(Context ctx, WebhookAdapter.Response response) {
        ctx.status(response.status()).contentType(response.contentType()).result(response.body());
    }

    /** What turns each known channel on, for the 404 of one that is off. */
    private static final Map<String, String> SWITCHES = Map.of(
            "generic", "set GENERIC_SECRET",
            "wecom", "set WECOM_TOKEN, WECOM_AES_KEY, WECOM_CORP_ID, WECOM_SECRET and WECOM_AGENT_ID",
            "wechat", "set WECHAT_TOKEN, WECHAT_APP_ID and WECHAT_APP_SECRET",
            "dingtalk", "set DINGTALK_APP_KEY and DINGTALK_APP_SECRET",
            "telegram", "set TELEGRAM_BOT_TOKEN and TELEGRAM_SECRET_TOKEN");

    /** The routes of every platform that is on, and a clear 404 for the known ones that are off. */
    static void register(
            io.javalin.config.JavalinConfig config,
            List<WebhookAdapter> adapters,
            InboundQueue queue,
            PipelineMetrics metrics,
            Clock clock) {
        for (WebhookAdapter adapter : adapters) {
            var route = new PlatformWebhookRoute(adapter, queue, metrics, clock);
            if (adapter.methods().contains("GET")) {
                config.routes.get(adapter.path(), route::handle);
            }
            if (adapter.methods().contains("POST")) {
                config.routes.post(adapter.path(), route::handle);
            }
        }
        config.routes.before("/webhook/{platform}", ctx -> {
            String platform = ctx.pathParam("platform");
            boolean on = adapters.stream().anyMatch(a -> a.path().equals("/webhook/" + platform));
            if (!on) {
                ctx.skipRemainingHandlers();
                ctx.status(404)
                        .json(Map.of(
                                "error",
                                "the " + platform + " channel is not configured ("
                                        + SWITCHES.getOrDefault(platform, "see the environment variables in README")
                                        + ")"));
            }
        });
    }
}
