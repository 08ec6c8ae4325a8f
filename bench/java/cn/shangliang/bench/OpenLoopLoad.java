package cn.shangliang.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Posts signed messages at a fixed rate, open loop: request {@code i} is due at {@code start + i / rate} whatever
 * became of the earlier ones, and its latency is measured from that due time, not from when it actually left, so that
 * a stalled server is not hidden by a generator that waits for it (coordinated omission). A cap on requests in flight
 * keeps a dead server from exhausting sockets; time spent waiting for the cap counts as latency too.
 */
final class OpenLoopLoad {

    /** Told of every request before it is posted, and of requests that were not accepted. */
    interface Listener {
        void posting(String messageId, long intendedNanos, boolean measured);

        void notAccepted(String messageId);
    }

    private final HttpClient http;
    private final URI target;
    private final SignedMessages messages;
    private final int maxInFlight;

    OpenLoopLoad(HttpClient http, URI target, SignedMessages messages, int maxInFlight) {
        this.http = http;
        this.target = target;
        this.messages = messages;
        this.maxInFlight = maxInFlight;
    }

    LoadResult run(int rate, Duration warmup, Duration duration, Listener listener) throws InterruptedException {
        long warmupCount = rate * warmup.toSeconds();
        long total = warmupCount + rate * duration.toSeconds();
        Semaphore inFlight = new Semaphore(maxInFlight);
        Histogram ack = new ConcurrentHistogram(3_600_000_000L, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong non2xx = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        long maxLate = 0;
        long cpuAtMeasuredStart = processCpuNanos();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measuredStart = start + warmupCount * 1_000_000_000L / rate;
        for (long i = 0; i < total; i++) {
            long intended = start + i * 1_000_000_000L / rate;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLate = Math.max(maxLate, -wait);
            if (i == warmupCount) {
                cpuAtMeasuredStart = processCpuNanos();
            }
            inFlight.acquire();
            boolean measured = i >= warmupCount;
            SignedMessages.Signed m = messages.message(i);
            listener.posting(m.messageId(), intended, measured);
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header(cn.shangliang.channel.generic.GenericSignature.HEADER, m.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(m.body()))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                long now = System.nanoTime();
                inFlight.release();
                boolean accepted = failure == null && response.statusCode() / 100 == 2;
                if (!accepted) {
                    listener.notAccepted(m.messageId());
                }
                if (!measured) {
                    return;
                }
                if (failure != null) {
                    errors.incrementAndGet();
                } else if (!accepted) {
                    non2xx.incrementAndGet();
                } else {
                    ack.recordValue(Math.max(0, (now - intended) / 1000));
                    ok.incrementAndGet();
                    lastAnswer.accumulateAndGet(now, Math::max);
                }
            });
        }
        if (!inFlight.tryAcquire(maxInFlight, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still unanswered 60 s after the last was sent");
        }
        long measuredCount = total - warmupCount;
        long cpuNanos = processCpuNanos() - cpuAtMeasuredStart;
        double seconds = Math.max(0, lastAnswer.get() - measuredStart) / 1e9;
        return new LoadResult(
                measuredCount,
                ok.get(),
                non2xx.get(),
                errors.get(),
                seconds,
                ack,
                maxLate / 1000,
                measuredStart,
                cpuNanos);
    }

    /** CPU time of this whole process (generator, and the bare endpoint or reply receiver it hosts). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
