package cn.shangliang.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the inbound stream with a consumer group, hands each message to the {@link MessageHandler} and completes it
 * (replies queued + acknowledged, atomically). A message whose handling fails stays pending and is reclaimed by some
 * worker after {@link PipelineSettings#reclaimIdle()}; after {@link PipelineSettings#maxDeliveries()} it goes to the
 * dead-letter stream.
 */
public final class InboundWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboundWorker.class);
    private static final Duration BLOCK = Duration.ofMillis(500);

    private final InboundQueue queue;
    private final MessageHandler handler;
    private final PipelineSettings settings;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final String consumerPrefix;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public InboundWorker(
            InboundQueue queue,
            MessageHandler handler,
            PipelineSettings settings,
            PipelineMetrics metrics,
            Clock clock,
            String consumerPrefix) {
        this.queue = queue;
        this.handler = handler;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.consumerPrefix = consumerPrefix;
    }

    public synchronized void start() {
        running = true;
        for (int i = 0; i < settings.workers(); i++) {
            String consumer = consumerPrefix + "-w" + i;
            threads.add(Thread.ofPlatform().name("inbound-" + i).start(() -> readLoop(consumer)));
        }
        String reclaimer = consumerPrefix + "-reclaim";
        threads.add(Thread.ofPlatform().name("inbound-reclaim").start(() -> reclaimLoop(reclaimer)));
    }

    private void readLoop(String consumer) {
        while (running) {
            try {
                for (InboundQueue.Delivery d : queue.read(consumer, settings.batchSize(), BLOCK)) {
                    process(d);
                }
            } catch (RuntimeException e) {
                pauseAfter(e);
            }
        }
    }

    private void reclaimLoop(String consumer) {
        Duration every = settings.reclaimIdle().dividedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                ? Duration.ofSeconds(5)
                : settings.reclaimIdle().dividedBy(2);
        while (running) {
            try {
                for (InboundQueue.Delivery d : queue.reclaim(consumer, settings.reclaimIdle(), settings.batchSize())) {
                    log.info("reclaimed message {} (delivery {})", d.message().key(), d.deliveries());
                    process(d);
                }
                sleep(every);
            } catch (RuntimeException e) {
                pauseAfter(e);
            }
        }
    }

    /** Handles one delivery to its end: completed, left pending after a failure, or dead-lettered. */
    void process(InboundQueue.Delivery d) {
        Inbound message = d.message();
        if (d.deliveries() > settings.maxDeliveries()) {
            log.error("message {} failed {} times; moved to the dead-letter stream", message.key(), d.deliveries() - 1);
            queue.deadLetter(d, "failed " + (d.deliveries() - 1) + " deliveries");
            metrics.deadLettered("inbound");
            return;
        }
        if (d.deliveries() > 1 && queue.isComplete(message)) {
            queue.complete(d, List.of());
            return;
        }
        Instant start = clock.instant();
        List<Reply> replies;
        try {
            replies = handler.handle(message);
        } catch (RuntimeException e) {
            log.warn("handling {} failed (delivery {}): {}", message.key(), d.deliveries(), e.toString(), e);
            metrics.handlerFailed(message.channel());
            return;
        }
        queue.complete(d, toOutbound(message, replies));
        metrics.processed(message.channel(), Duration.between(start, clock.instant()));
    }

    /** Replies get ids derived from the message, so that queuing them is idempotent. */
    static List<Outbound> toOutbound(Inbound message, List<Reply> replies) {
        int toSender =
                (int) replies.stream().filter(r -> r instanceof Reply.ToSender).count();
        List<Outbound> out = new ArrayList<>(replies.size());
        int seq = 0;
        int n = 0;
        for (Reply reply : replies) {
            n++;
            String id = message.key() + "#" + n;
            out.add(
                    switch (reply) {
                        case Reply.ToSender s ->
                            new Outbound(
                                    id,
                                    message.channel(),
                                    message.userId(),
                                    s.text(),
                                    message.messageId(),
                                    ++seq,
                                    toSender,
                                    message.receivedAt());
                        case Reply.ToUser u ->
                            new Outbound(id, u.channel(), u.userId(), u.text(), "", 0, 0, message.receivedAt());
                    });
        }
        return out;
    }

    private void pauseAfter(RuntimeException e) {
        if (running) {
            log.warn("inbound stream unavailable: {}", e.toString());
            sleep(Duration.ofSeconds(1));
        }
    }

    private void sleep(Duration d) {
        Pause.sleep(d, () -> running);
    }

    /** Stops reading; messages in hand are finished first. */
    @Override
    public synchronized void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }
}
