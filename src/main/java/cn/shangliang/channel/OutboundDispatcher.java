package cn.shangliang.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    /** A held mark this long past its due time belongs to a message that went missing: it holds nothing back. */
    static final Duration STALE_HOLD = Duration.ofMinutes(10);

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
    private final List<BlockingQueue<List<OutboundQueue.Delivery>>> lanes = new ArrayList<>();
    /** Sends of one batch run in parallel, one virtual thread per recipient. */
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private volatile boolean running;
    private final Outage outage = new Outage(log, "outbound stream");

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

    /**
     * The readers of a process ({@link OutboundQueue#readers()}; a recipient's replies are all in one partition, read
     * by one of them) hand each reply to one of {@link PipelineSettings#senders()} lanes chosen by its recipient, so
     * that one recipient's replies go out one after the other in the order they were queued (two consumers could each
     * take one of two replies to the same person and send the second first), while a slow or hung platform call holds
     * up only its lane.
     */
    public synchronized void start() {
        running = true;
        for (int i = 0; i < settings.senders(); i++) {
            BlockingQueue<List<OutboundQueue.Delivery>> lane = new ArrayBlockingQueue<>(2 * settings.batchSize());
            lanes.add(lane);
            threads.add(Thread.ofPlatform().name("outbound-" + i).start(() -> laneLoop(lane)));
        }
        String reader = consumerPrefix + "-send";
        for (int r = 0; r < queue.readers(); r++) {
            int which = r;
            threads.add(Thread.ofPlatform().name("outbound-read-" + r).start(() -> readLoop(which, reader)));
        }
        String housekeeper = consumerPrefix + "-reclaim";
        threads.add(Thread.ofPlatform().name("outbound-retry").start(() -> housekeeping(housekeeper)));
    }

    private void readLoop(int reader, String consumer) {
        while (running) {
            try {
                toLanes(queue.read(reader, consumer, settings.batchSize(), BLOCK));
                outage.ok();
            } catch (RuntimeException e) {
                pauseAfter(e);
            }
        }
    }

    /**
     * Hands the replies read together to their recipients' lanes, those of one lane as one piece, so that replies of
     * one recipient read together are also sent as one batch (which keeps them in order among themselves).
     */
    private void toLanes(List<OutboundQueue.Delivery> read) {
        Map<Integer, List<OutboundQueue.Delivery>> byLane = new LinkedHashMap<>();
        for (OutboundQueue.Delivery d : read) {
            Outbound m = d.message();
            int lane = Math.floorMod((m.channel() + '\n' + m.userId()).hashCode(), lanes.size());
            byLane.computeIfAbsent(lane, k -> new ArrayList<>()).add(d);
        }
        byLane.forEach((lane, deliveries) -> {
            try {
                while (!lanes.get(lane).offer(deliveries, BLOCK.toMillis(), TimeUnit.MILLISECONDS)) {
                    if (!running) {
                        return; // stopping: left pending, reclaimed later
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // left pending: reclaimed later
            }
        });
    }

    /** Sends a lane's replies in order, those waiting together as one batch. Finishes what it holds before stopping. */
    private void laneLoop(BlockingQueue<List<OutboundQueue.Delivery>> lane) {
        List<OutboundQueue.Delivery> batch = new ArrayList<>();
        List<List<OutboundQueue.Delivery>> pieces = new ArrayList<>();
        while (running || !lane.isEmpty()) {
            try {
                List<OutboundQueue.Delivery> first = lane.poll(BLOCK.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.addAll(first);
                lane.drainTo(pieces);
                pieces.forEach(batch::addAll);
                pieces.clear();
                deliver(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                pauseAfter(e); // unacknowledged sends are reclaimed later
            } finally {
                batch.clear();
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
                    toLanes(queue.reclaim(consumer, settings.reclaimIdle(), settings.batchSize()));
                    nextReclaim = clock.instant().plus(settings.reclaimIdle().dividedBy(2));
                }
                Pause.sleep(PROMOTE_EVERY, () -> running);
            } catch (RuntimeException e) {
                pauseAfter(e);
            }
        }
    }

    /**
     * Sends a batch: rate limits taken in one round trip, recipients served in parallel (each recipient's messages in
     * order), successes acknowledged together.
     */
    void deliver(List<OutboundQueue.Delivery> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, List<OutboundQueue.Delivery>> byRecipient = new LinkedHashMap<>();
        for (OutboundQueue.Delivery d : batch) {
            byRecipient
                    .computeIfAbsent(d.message().channel() + "\t" + d.message().userId(), k -> new ArrayList<>())
                    .add(d);
        }
        Map<OutboundQueue.Delivery, Instant> behind = behindHeld(byRecipient, queue.held(batch));
        Map<OutboundQueue.Delivery, Optional<Duration>> waits =
                rateLimits(batch.stream().filter(d -> !behind.containsKey(d)).toList());
        List<Future<List<OutboundQueue.Delivery>>> groups = new ArrayList<>();
        for (List<OutboundQueue.Delivery> group : byRecipient.values()) {
            groups.add(executor.submit(() -> sendInOrder(group, waits, behind)));
        }
        List<OutboundQueue.Delivery> sent = new ArrayList<>();
        for (Future<List<OutboundQueue.Delivery>> group : groups) {
            try {
                sent.addAll(group.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // unacknowledged sends are reclaimed later
            } catch (ExecutionException e) {
                log.error("sending a batch failed", e.getCause());
            }
        }
        queue.acknowledge(sent);
        Instant now = clock.instant();
        for (OutboundQueue.Delivery d : sent) {
            Duration age = Duration.between(d.message().createdAt(), now);
            metrics.replySent(
                    d.message().channel(), age.isNegative() ? Duration.ZERO : age); // clocks of processes differ
        }
    }

    /**
     * The messages of the batch that must wait behind an older message of the same recipient that waits in the retry
     * set (a rate-limited or failed one), with the latest due time among those: they would overtake it otherwise.
     * Held marks older than {@link #STALE_HOLD} past their due time are ignored (their message went missing).
     */
    private Map<OutboundQueue.Delivery, Instant> behindHeld(
            Map<String, List<OutboundQueue.Delivery>> byRecipient, Map<String, List<OutboundQueue.Held>> held) {
        if (held.isEmpty()) {
            return Map.of();
        }
        Set<String> inBatch = new HashSet<>();
        byRecipient.values().forEach(g -> g.forEach(d -> inBatch.add(d.message().id())));
        Instant staleBefore = clock.instant().minus(STALE_HOLD);
        Map<OutboundQueue.Delivery, Instant> behind = new HashMap<>();
        byRecipient.forEach((recipient, group) -> {
            List<OutboundQueue.Held> waiting = held.getOrDefault(recipient, List.of()).stream()
                    .filter(h -> !inBatch.contains(h.messageId()) && h.due().isAfter(staleBefore))
                    .toList();
            Instant until = null;
            for (OutboundQueue.Delivery d : group) {
                for (OutboundQueue.Held h : waiting) {
                    if (comesBefore(h, d.message()) && (until == null || h.due().isAfter(until))) {
                        until = h.due();
                    }
                }
                if (until != null) {
                    behind.put(d, until); // and every later message of the group, to keep the order
                }
            }
        });
        return behind;
    }

    /**
     * Whether a held message comes before this one: by {@link OutboundQueue#order}, and between messages of equal order
     * (created in the same millisecond at the same position) by id. A strict order: two held messages of equal order
     * must not each wait behind the other, or the one released first is pushed behind the other, and so on.
     */
    private static boolean comesBefore(OutboundQueue.Held h, Outbound m) {
        long order = OutboundQueue.order(m);
        return h.order() < order || (h.order() == order && h.messageId().compareTo(m.id()) < 0);
    }

    private Map<OutboundQueue.Delivery, Optional<Duration>> rateLimits(List<OutboundQueue.Delivery> batch) {
        List<OutboundQueue.Delivery> limited = new ArrayList<>();
        List<RateLimiter.Request> requests = new ArrayList<>();
        for (OutboundQueue.Delivery d : batch) {
            RateLimit limit = limits.get(d.message().channel());
            if (limit != null) {
                limited.add(d);
                requests.add(new RateLimiter.Request(
                        d.message().channel(), d.message().userId(), limit.max(), limit.window()));
            }
        }
        List<Optional<Duration>> answers = limiter.acquire(requests);
        Map<OutboundQueue.Delivery, Optional<Duration>> waits = new HashMap<>();
        for (int i = 0; i < limited.size(); i++) {
            waits.put(limited.get(i), answers.get(i));
        }
        return waits;
    }

    /**
     * Sends one recipient's messages in order; returns those sent. Once one must wait (rate limit or failure), the
     * recipient's later messages wait behind it, so the order is kept.
     */
    private List<OutboundQueue.Delivery> sendInOrder(
            List<OutboundQueue.Delivery> group,
            Map<OutboundQueue.Delivery, Optional<Duration>> waits,
            Map<OutboundQueue.Delivery, Instant> behindHeld) {
        List<OutboundQueue.Delivery> sent = new ArrayList<>();
        Instant holdUntil = null;
        int behind = 0;
        for (OutboundQueue.Delivery d : group) {
            Instant older = behindHeld.get(d);
            if (older != null && holdUntil == null) {
                Instant now = clock.instant();
                holdUntil = older.isAfter(now) ? older : now;
            }
            if (holdUntil != null) {
                queue.retryAt(d, holdUntil.plusMillis(++behind), d.attempt());
                continue;
            }
            Optional<Duration> wait = waits.getOrDefault(d, Optional.empty());
            if (wait.isPresent()) {
                holdUntil = clock.instant().plus(wait.get());
                queue.retryAt(d, holdUntil, d.attempt());
                continue;
            }
            switch (sendOne(d)) {
                case Outcome.Sent s -> sent.add(d);
                case Outcome.RetryAt r -> holdUntil = r.due();
                case Outcome.Dropped x -> {}
            }
        }
        return sent;
    }

    /** What became of one send. */
    private sealed interface Outcome {
        record Sent() implements Outcome {}

        record RetryAt(Instant due) implements Outcome {}

        /** Dead-lettered. */
        record Dropped() implements Outcome {}
    }

    private Outcome sendOne(OutboundQueue.Delivery d) {
        Outbound message = d.message();
        ChannelSender sender = senders.get(message.channel());
        if (sender == null) {
            log.error("no sender for channel {}; reply {} dead-lettered", message.channel(), message.id());
            queue.deadLetter(d, "no sender for channel " + message.channel());
            metrics.deadLettered("outbound");
            return new Outcome.Dropped();
        }
        ChannelSender.SendResult result;
        try {
            result = sender.send(message);
        } catch (RuntimeException e) {
            result = new ChannelSender.SendResult.RetryLater(e.toString(), null);
        }
        return switch (result) {
            case ChannelSender.SendResult.Sent s -> new Outcome.Sent();
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
                yield new Outcome.Dropped();
            }
        };
    }

    private Outcome retryOrGiveUp(OutboundQueue.Delivery d, ChannelSender.SendResult.RetryLater r) {
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
            return new Outcome.Dropped();
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
        Instant due = clock.instant().plus(wait);
        queue.retryAt(d, due, d.attempt() + 1);
        return new Outcome.RetryAt(due);
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
            outage.failed(e);
            Pause.sleep(Duration.ofSeconds(1), () -> running);
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        Pause.joinAll(threads);
        executor.shutdown();
    }
}
