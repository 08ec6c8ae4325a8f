package cn.shangliang.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Posts pre-signed messages at a fixed rate, open loop: request {@code i} is due at {@code start + i / rate} whatever
 * became of the earlier ones, and its latency is measured from that due time, not from when it actually left, so that
 * a stalled server is not hidden by a generator that waits for it (coordinated omission). Requests go round-robin over
 * a fixed set of keep-alive connections, pipelined. A cap on requests in flight keeps a dead server from piling up
 * requests without end; time spent waiting for the cap counts as latency too.
 */
final class OpenLoopLoad {

    /** Told of every request before it is posted, and of requests that were not accepted. */
    interface Listener {
        void posting(int index, long intendedNanos, boolean measured);

        void notAccepted(int index);
    }

    /** What one connection's reader saw; touched by its reader and, on a failed write, by the scheduler. */
    private static final class Tally {
        final Histogram ack = new Histogram(3_600_000_000L, 3);
        long ok;
        long non2xx;
        long errors;
        long lastAnswer;
    }

    private final List<InetSocketAddress> targets;
    private final SignedMessages messages;
    private final int connections;
    private final int maxInFlight;
    private final GeneratorThreads threads;
    private final ProcessCpu server;
    private final ProcessCpu redis;

    /** @param server and {@code redis}: processes whose CPU in the measured phase is reported */
    OpenLoopLoad(
            List<InetSocketAddress> targets,
            SignedMessages messages,
            int connections,
            int maxInFlight,
            GeneratorThreads threads,
            ProcessCpu server,
            ProcessCpu redis) {
        this.targets = targets;
        this.messages = messages;
        this.connections = connections;
        this.maxInFlight = maxInFlight;
        this.threads = threads;
        this.server = server;
        this.redis = redis;
    }

    LoadResult run(int rate, Duration warmup, Listener listener) throws InterruptedException {
        int total = messages.count();
        int warmupCount = (int) Math.min(total, rate * warmup.toSeconds());
        Semaphore inFlight = new Semaphore(maxInFlight);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measuredStart = start + warmupCount * 1_000_000_000L / rate;
        List<Tally> tallies = new ArrayList<>();
        List<PipelinedConnection> open = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Tally tally = new Tally();
            tallies.add(tally);
            open.add(connect(outcomes(tally, inFlight, listener, start, rate, warmupCount), c));
        }
        long maxLate = 0;
        long genCpuAtMeasuredStart = threads.cpuNanos();
        long processCpuAtMeasuredStart = processCpuNanos();
        long serverCpuAtMeasuredStart = server.nanos();
        long redisCpuAtMeasuredStart = redis.nanos();
        for (int i = 0; i < total; i++) {
            long intended = start + i * 1_000_000_000L / rate;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLate = Math.max(maxLate, -wait);
            if (i == warmupCount) {
                genCpuAtMeasuredStart = threads.cpuNanos();
                processCpuAtMeasuredStart = processCpuNanos();
                serverCpuAtMeasuredStart = server.nanos();
                redisCpuAtMeasuredStart = redis.nanos();
            }
            inFlight.acquire();
            listener.posting(i, intended, i >= warmupCount);
            int c = i % connections;
            PipelinedConnection connection = open.get(c);
            if (connection.dead()) {
                connection = connect(outcomes(tallies.get(c), inFlight, listener, start, rate, warmupCount), c);
                open.set(c, connection);
            }
            connection.send(i, messages.request(i));
        }
        if (!inFlight.tryAcquire(maxInFlight, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still unanswered 60 s after the last was sent");
        }
        long genCpu = threads.cpuNanos() - genCpuAtMeasuredStart;
        long processCpu = processCpuNanos() - processCpuAtMeasuredStart;
        long serverCpu = server.nanos() - serverCpuAtMeasuredStart;
        long redisCpu = redis.nanos() - redisCpuAtMeasuredStart;
        open.forEach(PipelinedConnection::close);
        Histogram ack = new Histogram(3_600_000_000L, 3);
        long ok = 0;
        long non2xx = 0;
        long errors = 0;
        long lastAnswer = 0;
        for (Tally t : tallies) {
            synchronized (t) {
                ack.add(t.ack);
                ok += t.ok;
                non2xx += t.non2xx;
                errors += t.errors;
                lastAnswer = Math.max(lastAnswer, t.lastAnswer);
            }
        }
        double seconds = Math.max(0, lastAnswer - measuredStart) / 1e9;
        return new LoadResult(
                total - warmupCount,
                ok,
                non2xx,
                errors,
                seconds,
                ack,
                maxLate / 1000,
                measuredStart,
                genCpu,
                processCpu,
                serverCpu,
                redisCpu);
    }

    private PipelinedConnection connect(PipelinedConnection.Outcomes outcomes, int c) {
        try {
            InetSocketAddress target = targets.get(c % targets.size());
            return new PipelinedConnection(target, maxInFlight + 1, outcomes, threads, "conn-" + c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + targets.get(c % targets.size()), e);
        }
    }

    private static PipelinedConnection.Outcomes outcomes(
            Tally tally, Semaphore inFlight, Listener listener, long start, int rate, int warmupCount) {
        return new PipelinedConnection.Outcomes() {
            @Override
            public void answered(int index, int status, long now) {
                boolean accepted = status / 100 == 2;
                if (!accepted) {
                    listener.notAccepted(index);
                }
                if (index >= warmupCount) {
                    long intended = start + index * 1_000_000_000L / rate;
                    synchronized (tally) {
                        if (accepted) {
                            tally.ack.recordValue(Math.max(0, (now - intended) / 1000));
                            tally.ok++;
                            tally.lastAnswer = Math.max(tally.lastAnswer, now);
                        } else {
                            tally.non2xx++;
                        }
                    }
                }
                inFlight.release();
            }

            @Override
            public void failed(int index) {
                listener.notAccepted(index);
                if (index >= warmupCount) {
                    synchronized (tally) {
                        tally.errors++;
                    }
                }
                inFlight.release();
            }
        };
    }

    /** CPU time of this whole process (generator, and the bare endpoint or reply receiver it hosts). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
