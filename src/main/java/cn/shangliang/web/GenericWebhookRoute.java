package cn.shangliang.web;

import cn.shangliang.channel.InboundQueue;
import cn.shangliang.channel.PipelineMetrics;
import cn.shangliang.channel.generic.GenericSignature;
import cn.shangliang.channel.generic.GenericWebhook;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhook/generic}: answers 202 only once the message is in the durable stream, 200 for a repeat, 4xx
 * for bad input (nothing queued), 503 when Redis is away (so the sender retries).
 */
final class GenericWebhookRoute {

    private static final Logger log = LoggerFactory.getLogger(GenericWebhookRoute.class);
    /** The two success bodies, serialised once: they are the same for every message. */
    private static final byte[] ACCEPTED = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);

    private static final byte[] DUPLICATE = "{\"accepted\":true,\"duplicate\":true}".getBytes(StandardCharsets.UTF_8);

    private final GenericWebhook webhook;
    private final InboundQueue queue;
    private final PipelineMetrics metrics;

    GenericWebhookRoute(GenericWebhook webhook, InboundQueue queue, PipelineMetrics metrics) {
        this.webhook = webhook;
        this.queue = queue;
        this.metrics = metrics;
    }

    void handle(Context ctx) throws IOException {
        long start = System.nanoTime();
        byte[] body = BodyLimit.read(ctx, GenericWebhook.MAX_BODY);
        GenericWebhook.Verdict verdict =
                webhook.check(body, ctx.header("Content-Type"), ctx.header(GenericSignature.HEADER));
        switch (verdict) {
            case GenericWebhook.Verdict.Reject r -> {
                log.info("generic webhook refused ({}): {}", r.status(), r.error());
                metrics.rejected(GenericWebhook.CHANNEL, r.status());
                ctx.status(r.status()).json(Map.of("error", r.error()));
            }
            case GenericWebhook.Verdict.Accept a -> {
                switch (queue.enqueue(a.message())) {
                    case InboundQueue.EnqueueResult.Accepted ok -> {
                        metrics.received(GenericWebhook.CHANNEL);
                        metrics.acknowledged(Duration.ofNanos(System.nanoTime() - start));
                        ctx.status(202)
                                .contentType(ContentType.APPLICATION_JSON)
                                .result(ACCEPTED);
                    }
                    case InboundQueue.EnqueueResult.Duplicate dup -> {
                        metrics.duplicate(GenericWebhook.CHANNEL);
                        ctx.status(200)
                                .contentType(ContentType.APPLICATION_JSON)
                                .result(DUPLICATE);
                    }
                }
            }
        }
    }
}
