package cn.shangliang.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the outbound stream and hands each message to its channel's {@link ChannelSender}, honouring per-recipient
 * rate limits. Transient failures are retried with exponential backoff and jitter; permanent failures and messages
 * out of attempts go to the dead-letter stream.
 */
public final class OutboundDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboundDispatcher.class);
    private static final Duration BLOCK = Duration.ofMillis(500);
    private static final Duration PROMOTE_EVERY = Duration.ofMillis(100);

    /** A per-recipient allowance: at most {@code max} messages per {@code window}. */
    public record RateLimit(int max, Duration window) {}

    private final OutboundQueue queue;
    private final Map<String, ChannelSender> senders;
    private final Map<String, RateLimit> limits;
    private final RateLimiter limiter;
    private final PipelineSettings settings;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final RandomGenerator random;
    private final String consumerPrefix;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public OutboundDispatcher(
            OutboundQueue queue,
            List<ChannelSender> senders,
            Map<String, RateLimit> limits,
            RateLimiter limiter,
            PipelineSettings settings,
            PipelineMetrics metrics,
            Clock clock,
            RandomGenerator random,
            String consumerPrefix) {
        this.queue = queue;
        this.senders =
                senders.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(ChannelSender::channel, s -> s));
        this.limits = Map.copyOf(limits);
        this.limiter = limiter;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
        this.consumerPrefix = consumerPrefix;
    }

    public synchronized void start() {
        running = true;
        for (int i = 0; i < settings.senders(); i++) {
            String consumer = consumerPrefix + "-s" + i;
            threads.add(Thread.ofPlatform().name("outbound-" + i).start(() -> readLoop(consumer)));
        }
        String housekeeper = consumerPrefix + "-reclaim";
        threads.add(Thread.ofPlatform().name("outbound-retry").start(() -> housekeeping(housekeeper)));
    }

    private void readLoop(String consumer) {
        while (running) {
            try {
                for (OutboundQueue.Delivery d : queue.read(consumer, settings.batchSize(), BLOCK)) {
                    deliver(d);
                }
            } catch (RuntimeException e) {
                pauseAfter(e);
            }
        }
    }

    /** Moves due retries back into the stream and takes over sends abandoned by a dead process. */
    private void housekeeping(String consumer) {
        Instant nextReclaim = clock.instant();
        while (running) {
            try {
                queue.promoteDue(clock.instant());
                if (!clock.instant().isBefore(nextReclaim)) {
                    for (OutboundQueue.Delivery d :
                            queue.reclaim(consumer, settings.reclaimIdle(), settings.batchSize())) {
                        deliver(d);
                    }
                    nextReclaim = clock.instant().plus(settings.reclaimIdle().dividedBy(2));
                }
                Pause.sleep(PROMOTE_EVERY, () -> running);
            } catch (RuntimeException e) {
                pauseAfter(e);
            }
        }
    }

    /** Sends one message and records what became of it. */
    void deliver(OutboundQueue.Delivery d) {
        Outbound message = d.message();
        ChannelSender sender = senders.get(message.channel());
        if (sender == null) {
            log.error("no sender for channel {}; reply {} dead-lettered", message.channel(), message.id());
            queue.deadLetter(d, "no sender for channel " + message.channel());
            metrics.deadLettered("outbound");
            return;
        }
        RateLimit limit = limits.get(message.channel());
        if (limit != null) {
            Optional<Duration> wait = limiter.acquire(message.channel(), message.userId(), limit.max(), limit.window());
            if (wait.isPresent()) {
                queue.retryAt(d, clock.instant().plus(wait.get()), d.attempt());
                return;
            }
        }
        ChannelSender.SendResult result;
        try {
            result = sender.send(message);
        } catch (RuntimeException e) {
            result = new ChannelSender.SendResult.RetryLater(e.toString(), null);
        }
        switch (result) {
            case ChannelSender.SendResult.Sent s -> {
                queue.acknowledge(d);
                metrics.replySent(message.channel(), Duration.between(message.createdAt(), clock.instant()));
            }
            case ChannelSender.SendResult.RetryLater r -> retryOrGiveUp(d, r);
            case ChannelSender.SendResult.Permanent p -> {
                log.error(
                        "reply {} to {}:{} failed for good: {}",
                        message.id(),
                        message.channel(),
                        message.userId(),
                        p.reason());
                metrics.replyFailed(message.channel());
                queue.deadLetter(d, p.reason());
                metrics.deadLettered("outbound");
            }
        }
    }

    private void retryOrGiveUp(OutboundQueue.Delivery d, ChannelSender.SendResult.RetryLater r) {
        Outbound message = d.message();
        metrics.replyFailed(message.channel());
        if (d.attempt() >= settings.maxAttempts()) {
            log.error(
                    "reply {} to {}:{} failed {} times, last: {}; dead-lettered",
                    message.id(),
                    message.channel(),
                    message.userId(),
                    d.attempt(),
                    r.reason());
            queue.deadLetter(d, "failed " + d.attempt() + " attempts, last: " + r.reason());
            metrics.deadLettered("outbound");
            return;
        }
        Duration wait = backoff(d.attempt());
        if (r.after() != null && r.after().compareTo(wait) > 0) {
            wait = r.after();
        }
        log.warn(
                "reply {} attempt {} failed ({}); retry in {} ms",
                message.id(),
                d.attempt(),
                r.reason(),
                wait.toMillis());
        queue.retryAt(d, clock.instant().plus(wait), d.attempt() + 1);
    }

    /** Exponential backoff with "equal jitter": half fixed, half random. */
    Duration backoff(int attempt) {
        long base = settings.backoffInitial().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, settings.backoffMax().toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }

    private void pauseAfter(RuntimeException e) {
        if (running) {
            log.warn("outbound stream unavailable: {}", e.toString());
            Pause.sleep(Duration.ofSeconds(1), () -> running);
        }
    }

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
