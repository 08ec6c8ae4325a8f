package cn.shangliang.jobs;

import cn.shangliang.channel.Outbound;
import cn.shangliang.channel.OutboundQueue;
import cn.shangliang.consultation.Effect;
import cn.shangliang.consultation.IssueStore;
import cn.shangliang.consultation.Notice;
import cn.shangliang.consultation.Outbox;
import cn.shangliang.consultation.Topic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: the effects written with each change (notices into the outbound stream, topic events to the
 * matcher, the residents' issue lists). Run right after each change, and on a timer for whatever a process that died
 * left behind. At least once: every effect is harmless to repeat (a notice's id dedups it in the outbound stream), and
 * an entry is forgotten only after it was delivered.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final Outbox outbox;
    private final IssueStore store;
    private final Function<Notice, Outbound> renderer;
    private final OutboundQueue outbound;
    private final Consumer<Topic> publish;
    private final Supplier<List<String>> townCodes;
    private final ScheduledExecutorService timer;

    /** @param renderer a notice as the message its reader gets (their language, the catalogue's words) */
    public OutboxRelay(
            Outbox outbox,
            IssueStore store,
            Function<Notice, Outbound> renderer,
            OutboundQueue outbound,
            Consumer<Topic> publish,
            Supplier<List<String>> townCodes,
            ThreadFactory threads) {
        this.outbox = outbox;
        this.store = store;
        this.renderer = renderer;
        this.outbound = outbound;
        this.publish = publish;
        this.townCodes = townCodes;
        this.timer = Executors.newSingleThreadScheduledExecutor(threads);
    }

    /** Sweeps every town's outbox every {@code every}, starting now. */
    public OutboxRelay start(Duration every) {
        timer.scheduleWithFixedDelay(this::sweep, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Delivers everything waiting in one town's outbox; returns how many effects were delivered. */
    public int drain(String townCode) {
        int delivered = 0;
        while (true) {
            List<Outbox.Entry> batch = outbox.pending(townCode, BATCH);
            if (batch.isEmpty()) {
                return delivered;
            }
            for (Outbox.Entry entry : batch) {
                deliver(entry.effect());
            }
            outbox.delivered(townCode, batch);
            delivered += batch.size();
            if (batch.size() < BATCH) {
                return delivered; // that was all: no round trip to find the outbox empty
            }
        }
    }

    /** Delivers every town's outbox. */
    public int drainAll() {
        int delivered = 0;
        for (String code : townCodes.get()) {
            delivered += drain(code);
        }
        return delivered;
    }

    private void sweep() {
        try {
            int n = drainAll();
            if (n > 0) {
                log.info("outbox: delivered {} effects left behind", n);
            }
        } catch (RuntimeException e) {
            log.warn("outbox sweep failed, retrying later: {}", e.toString());
        }
    }

    private void deliver(Effect effect) {
        switch (effect) {
            case Effect.Notify n -> outbound.enqueue(renderer.apply(n.notice()));
            case Effect.Publish p -> publish.accept(p.topic());
            case Effect.Remember r -> store.remember(r.reporter(), r.trackingNo(), r.at());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
