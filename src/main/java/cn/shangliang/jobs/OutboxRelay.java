package cn.shangliang.jobs;

import cn.shangliang.channel.Outbound;
import cn.shangliang.channel.OutboundQueue;
import cn.shangliang.consultation.Effect;
import cn.shangliang.consultation.IssueStore;
import cn.shangliang.consultation.MeetingListener;
import cn.shangliang.consultation.Notice;
import cn.shangliang.consultation.Outbox;
import cn.shangliang.consultation.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 * Delivers the outboxes: the effects written with each change (notices into the outbound stream, topic events to the
 * matcher, the residents' issue lists, meeting changes to the members). Run right after each change, and on a timer for whatever a process that died
 * left behind. At least once: every effect is harmless to repeat (a notice's id dedups it in the outbound stream), and
 * an entry is forgotten only after it was delivered.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final List<Source> sources;
    private final IssueStore store;
    private final Function<Notice, Optional<Outbound>> renderer;
    private final OutboundQueue outbound;
    private final Consumer<Topic> publish;
    private final MeetingListener members;
    private final ScheduledExecutorService timer;

    /** An outbox and the parts it is kept in (a town's issues by town code, a room's meetings by room id). */
    public record Source(Outbox outbox, Supplier<List<String>> parts) {}

    /**
     * @param renderer a notice as the message its reader gets (the language kept in their profile, the catalogue's
     *     words), empty when the reader does not want it
     */
    public OutboxRelay(
            List<Source> sources,
            IssueStore store,
            Function<Notice, Optional<Outbound>> renderer,
            OutboundQueue outbound,
            Consumer<Topic> publish,
            MeetingListener members,
            ThreadFactory threads) {
        this.sources = List.copyOf(sources);
        this.members = members;
        this.store = store;
        this.renderer = renderer;
        this.outbound = outbound;
        this.publish = publish;
        this.timer = Executors.newSingleThreadScheduledExecutor(threads);
    }

    /** Sweeps every outbox (towns' and rooms') every {@code every}, starting now. */
    public OutboxRelay start(Duration every) {
        timer.scheduleWithFixedDelay(this::sweep, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Delivers everything waiting in one part's outbox (a town code, a room id); returns how many effects. */
    public int drain(String part) {
        int delivered = 0;
        for (Source source : sources) {
            if (source.parts().get().contains(part)) {
                delivered += drain(source.outbox(), part);
            }
        }
        return delivered;
    }

    private int drain(Outbox outbox, String part) {
        int delivered = 0;
        while (true) {
            List<Outbox.Entry> batch = outbox.pending(part, BATCH);
            if (batch.isEmpty()) {
                return delivered;
            }
            for (Outbox.Entry entry : batch) {
                deliver(entry.effect());
            }
            outbox.delivered(part, batch);
            delivered += batch.size();
            if (batch.size() < BATCH) {
                return delivered; // that was all: no round trip to find the outbox empty
            }
        }
    }

    /** Delivers every outbox of every part. */
    public int drainAll() {
        int delivered = 0;
        for (Source source : sources) {
            for (String part : source.parts().get()) {
                delivered += drain(source.outbox(), part);
            }
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
            case Effect.Notify n -> renderer.apply(n.notice()).ifPresent(outbound::enqueue);
            case Effect.Publish p -> publish.accept(p.topic());
            case Effect.Remember r -> store.remember(r.reporter(), r.trackingNo(), r.at());
            case Effect.MeetingChanged m -> members.on(m);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
