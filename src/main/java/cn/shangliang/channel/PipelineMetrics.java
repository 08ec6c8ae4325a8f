package cn.shangliang.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/** The pipeline's counters, timers and backlog gauges, by channel. */
public final class PipelineMetrics {

    private final MeterRegistry registry;
    private final Timer handleTimer;
    private final Timer ackTimer;
    /**
     * Meters already registered, by name and tag value: looking a meter up in the registry builds its id and tags
     * every time, which showed in profiles at thousands of messages per second.
     */
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, Timer> replyTimers = new ConcurrentHashMap<>();

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.handleTimer = Timer.builder("shangliang.handle.latency")
                .description("time to understand one message and queue its replies")
                .publishPercentileHistogram()
                .register(registry);
        this.ackTimer = Timer.builder("shangliang.ack.latency")
                .description("time from a message arriving to its durable acknowledgement")
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * Backlog gauges read from storage when scraped (cached for one second): the pipeline's total ({@code
     * shangliang_queue_lag}) and each partition's ({@code shangliang_queue_partition_lag}, tag {@code partition}).
     */
    public void watch(PipelineMonitor monitor, int partitions) {
        AtomicReference<Sample> last = new AtomicReference<>(new Sample(0, null));
        Map<String, ToDoubleFunction<PipelineMonitor.Backlog>> streams = new LinkedHashMap<>();
        streams.put("inbound", PipelineMonitor.Backlog::inbound);
        streams.put("outbound", PipelineMonitor.Backlog::outbound);
        streams.put("retrying", PipelineMonitor.Backlog::retrying);
        streams.put("dead_inbound", PipelineMonitor.Backlog::deadInbound);
        streams.put("dead_outbound", PipelineMonitor.Backlog::deadOutbound);
        streams.forEach((stream, value) -> {
            gauge(
                    monitor,
                    last,
                    "shangliang.queue.lag",
                    Tags.of("stream", stream),
                    s -> value.applyAsDouble(s.stream()
                            .reduce(new PipelineMonitor.Backlog(0, 0, 0, 0, 0), PipelineMonitor.Backlog::plus)));
            for (int p = 0; p < partitions; p++) {
                int partition = p;
                gauge(
                        monitor,
                        last,
                        "shangliang.queue.partition.lag",
                        Tags.of("stream", stream, "partition", Integer.toString(p)),
                        s -> partition < s.size() ? value.applyAsDouble(s.get(partition)) : Double.NaN);
            }
        });
    }

    private record Sample(long at, List<PipelineMonitor.Backlog> backlog) {}

    private void gauge(
            PipelineMonitor monitor,
            AtomicReference<Sample> last,
            String name,
            Tags tags,
            ToDoubleFunction<List<PipelineMonitor.Backlog>> value) {
        Gauge.builder(name, last, ref -> {
                    long now = System.nanoTime();
                    Sample s = ref.get();
                    if (s.backlog() == null || now - s.at() > 1_000_000_000L) {
                        try {
                            s = new Sample(now, monitor.backlogByPartition());
                            ref.set(s);
                        } catch (RuntimeException e) {
                            return Double.NaN;
                        }
                    }
                    return value.applyAsDouble(s.backlog());
                })
                .description("messages waiting or in hand")
                .strongReference(true)
                .tags(tags)
                .baseUnit("messages")
                .register(registry);
    }

    public void received(String channel) {
        counter("shangliang.messages.received", "channel", channel);
    }

    public void duplicate(String channel) {
        counter("shangliang.messages.duplicate", "channel", channel);
    }

    public void rejected(String channel, int status) {
        Counter.builder("shangliang.messages.rejected")
                .tag("channel", channel)
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    public void processed(String channel, Duration took) {
        counter("shangliang.messages.processed", "channel", channel);
        handleTimer.record(took);
    }

    public void handlerFailed(String channel) {
        counter("shangliang.messages.failed", "channel", channel);
    }

    public void acknowledged(Duration took) {
        ackTimer.record(took);
    }

    public void replySent(String channel, Duration sinceReceived) {
        counter("shangliang.replies.sent", "channel", channel);
        replyTimers
                .computeIfAbsent(
                        channel,
                        c -> Timer.builder("shangliang.reply.latency")
                                .description("time from the message arriving to its reply being delivered")
                                .tag("channel", c)
                                .publishPercentileHistogram()
                                .register(registry))
                .record(sinceReceived);
    }

    public void replyFailed(String channel) {
        counter("shangliang.replies.failed", "channel", channel);
    }

    /** A web-chat connection or message refused by an abuse limit ({@code uid}, {@code address}, {@code total}). */
    public void webChatRefused(String what, String limit) {
        counters.computeIfAbsent(
                        "shangliang.webchat.refused\u0000" + what + '\u0000' + limit,
                        k -> registry.counter("shangliang.webchat.refused", "kind", what, "limit", limit))
                .increment();
    }

    public void deadLettered(String stream) {
        counter("shangliang.dead_lettered", "stream", stream);
    }

    private void counter(String name, String tag, String value) {
        counters.computeIfAbsent(name + '\u0000' + tag + '\u0000' + value, k -> registry.counter(name, tag, value))
                .increment();
    }
}
