package cn.shangliang.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the inbound streams with a consumer group ({@link InboundQueue#readers()} readers per process: one over all
 * partitions, or one per partition when they live on different nodes), hands each message to one of
 * {@link PipelineSettings#workers()} lanes chosen by its sender, so that the messages of one user are handled one
 * after the other in the order they arrived (a session is never updated by two threads at once, and "1" is never
 * read before the question it answers). Each lane hands its messages to the {@link MessageHandler} and completes them
 * (replies queued + acknowledged, atomically per message; the messages of one read batch are completed together, in
 * one round trip, after the batch is handled). A message whose handling fails stays pending and is reclaimed by some
 * worker after {@link PipelineSettings#reclaimIdle()}; after {@link PipelineSettings#maxDeliveries()} it goes to the
 * dead-letter stream.
 */
public final class InboundWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboundWorker.class);
    private static final Duration BLOCK = Duration.ofMillis(500);
    /** How long a handled message may wait for the rest of its batch before its completion is sent anyway. */
    private static final Duration HOLD_AT_MOST = Duration.ofMillis(5);

    private final InboundQueue queue;
    private final MessageHandler handler;
    private final PipelineSettings settings;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final String consumerPrefix;
    private final List<Thread> threads = new ArrayList<>();
    private final List<BlockingQueue<InboundQueue.Delivery>> lanes = new ArrayList<>();
    private volatile boolean running;
    private final Outage outage = new Outage(log, "inbound stream");

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
            BlockingQueue<InboundQueue.Delivery> lane = new ArrayBlockingQueue<>(2 * settings.batchSize());
            lanes.add(lane);
            threads.add(Thread.ofPlatform().name("inbound-" + i).start(() -> laneLoop(lane)));
        }
        String reader = consumerPrefix + "-read";
        for (int r = 0; r < queue.readers(); r++) {
            int which = r;
            threads.add(Thread.ofPlatform().name("inbound-read-" + r).start(() -> readLoop(which, reader)));
        }
        String reclaimer = consumerPrefix + "-reclaim";
        threads.add(Thread.ofPlatform().name("inbound-reclaim").start(() -> reclaimLoop(reclaimer)));
    }

    /** Reads new messages and hands each to its sender's lane (waiting while that lane is full). */
    private void readLoop(int reader, String consumer) {
        while (running) {
            try {
                for (InboundQueue.Delivery d : queue.read(reader, consumer, settings.batchSize(), BLOCK)) {
                    toLane(d);
                }
                outage.ok();
            } catch (RuntimeException e) {
                pauseAfter(e);
            }
        }
    }

    private void toLane(InboundQueue.Delivery d) {
        Inbound m = d.message();
        int lane = Math.floorMod((m.channel() + '\n' + m.userId()).hashCode(), lanes.size());
        try {
            while (!lanes.get(lane).offer(d, BLOCK.toMillis(), TimeUnit.MILLISECONDS)) {
                if (!running) {
                    return; // stopping: left pending, reclaimed after reclaimIdle
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // left pending: reclaimed after reclaimIdle
        }
    }

    /**
     * Handles a lane's messages in order; those waiting together are completed together, in one round trip, unless
     * the first has waited {@link #HOLD_AT_MOST}. Finishes what it holds before stopping.
     */
    private void laneLoop(BlockingQueue<InboundQueue.Delivery> lane) {
        List<InboundQueue.Delivery> batch = new ArrayList<>();
        while (running || !lane.isEmpty()) {
            try {
                InboundQueue.Delivery first = lane.poll(BLOCK.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                lane.drainTo(batch, settings.batchSize() - 1);
                handleInOrder(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                pauseAfter(e);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Handles a lane's batch within one {@link InboundQueue.Unit}: the handler may fetch what the batch needs at once,
     * and the state changes of the handled messages are written with their completion.
     */
    private void handleInOrder(List<InboundQueue.Delivery> batch) {
        try (InboundQueue.Unit unit = queue.openUnit()) {
            try {
                handler.prepare(
                        batch.stream().map(InboundQueue.Delivery::message).toList());
            } catch (RuntimeException e) {
                log.debug("preparing a batch failed, its messages are handled one by one: {}", e.toString());
            }
            handleInOrder(batch, unit);
        }
    }

    private void handleInOrder(List<InboundQueue.Delivery> batch, InboundQueue.Unit unit) {
        List<Handled> handled = new ArrayList<>();
        Instant oldest = null;
        for (InboundQueue.Delivery d : batch) {
            unit.startMessage();
            Optional<Handled> h = handle(d);
            unit.endMessage(h.isPresent());
            if (h.isPresent()) {
                handled.add(h.get());
                oldest = oldest == null ? h.get().handledAt() : oldest;
            }
            if (oldest != null && Duration.between(oldest, clock.instant()).compareTo(HOLD_AT_MOST) >= 0) {
                finish(handled); // do not hold early replies back for a long batch
                handled = new ArrayList<>();
                oldest = null;
            }
        }
        finish(handled);
        outage.ok();
    }

    private void reclaimLoop(String consumer) {
        Duration every = settings.reclaimIdle().dividedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                ? Duration.ofSeconds(5)
                : settings.reclaimIdle().dividedBy(2);
        while (running) {
            try {
                for (InboundQueue.Delivery d : queue.reclaim(consumer, settings.reclaimIdle(), settings.batchSize())) {
                    log.info("reclaimed message {} (delivery {})", d.message().key(), d.deliveries());
                    toLane(d);
                }
                sleep(every);
            } catch (RuntimeException e) {
                pauseAfter(e);
            }
        }
    }

    /** A handled message waiting for its completion, and how long handling took. */
    private record Handled(InboundQueue.Completion completion, Instant handledAt, Duration took) {}

    /**
     * Handles one delivery up to its completion, which the caller does ({@link #finish}), for a whole read batch at
     * once. Empty when there is nothing to complete: dead-lettered, or handling failed (left pending).
     */
    private Optional<Handled> handle(InboundQueue.Delivery d) {
        Inbound message = d.message();
        if (d.deliveries() > settings.maxDeliveries()) {
            log.error("message {} failed {} times; moved to the dead-letter stream", message.key(), d.deliveries() - 1);
            queue.deadLetter(d, "failed " + (d.deliveries() - 1) + " deliveries");
            metrics.deadLettered("inbound");
            return Optional.empty();
        }
        if (d.deliveries() > 1 && queue.isComplete(message)) {
            queue.complete(d, List.of());
            return Optional.empty();
        }
        Instant start = clock.instant();
        List<Reply> replies;
        try {
            replies = handler.handle(message);
        } catch (RuntimeException e) {
            log.warn("handling {} failed (delivery {}): {}", message.key(), d.deliveries(), e.toString(), e);
            metrics.handlerFailed(message.channel());
            return Optional.empty();
        }
        Instant end = clock.instant();
        return Optional.of(new Handled(
                new InboundQueue.Completion(d, toOutbound(message, replies)), end, Duration.between(start, end)));
    }

    /** Queues the replies of handled messages and acknowledges them, in one round trip for the batch. */
    private void finish(List<Handled> handled) {
        if (handled.isEmpty()) {
            return;
        }
        queue.completeAll(handled.stream().map(Handled::completion).toList());
        for (Handled h : handled) {
            metrics.processed(h.completion().delivery().message().channel(), h.took());
        }
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
                            Outbound.notification(id, u.channel(), u.userId(), u.text(), message.receivedAt());
                    });
        }
        return out;
    }

    private void pauseAfter(RuntimeException e) {
        if (running) {
            outage.failed(e);
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
        Pause.joinAll(threads);
    }
}
