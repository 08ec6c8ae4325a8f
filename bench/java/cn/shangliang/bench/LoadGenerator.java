package cn.shangliang.bench;

import cn.shangliang.channel.generic.GenericSignature;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Fixed-rate load on the generic webhook of a running Shangliang and, at the same rate and just before it, on a bare
 * Javalin endpoint started in this process; prints acknowledgement throughput and latency for both, and for Shangliang
 * also the end-to-end figures from each post to its (first) reply, received on {@code --reply-port}. Messages are
 * signed before each run and posted over a few pipelined keep-alive connections, replies taken on plain sockets, so
 * that the generator costs little of the CPU it shares with the server. See bench/README.md.
 */
@Command(
        name = "load-generator",
        mixinStandardHelpOptions = true,
        description = "Open-loop fixed-rate load on Shangliang's generic webhook, compared with a bare endpoint.")
public final class LoadGenerator implements Callable<Integer> {

    @Option(
            names = "--target",
            required = true,
            split = ",",
            description = "base URL of a running Shangliang, e.g. http://127.0.0.1:7070; a comma-separated list spreads"
                    + " the connections over several processes")
    List<URI> targets;

    @Option(names = "--secret", required = true, description = "the generic channel's secret (GENERIC_SECRET)")
    String secret;

    @Option(
            names = "--rate",
            split = ",",
            required = true,
            description = "messages per second; a comma-separated list runs each rate in turn")
    List<Integer> rates;

    @Option(
            names = "--duration",
            defaultValue = "30",
            description = "measured seconds per run (default ${DEFAULT-VALUE})")
    int duration;

    @Option(
            names = "--warmup",
            defaultValue = "10",
            description = "unmeasured seconds before each run (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--users",
            defaultValue = "1000000",
            description = "distinct user ids per run; fewer than the messages makes users repeat, and a repeated"
                    + " concern without a place costs more and gets two replies (default ${DEFAULT-VALUE})")
    int users;

    @Option(
            names = "--reply-port",
            defaultValue = "7171",
            description =
                    "port for Shangliang's replies: set GENERIC_REPLY_URL=http://127.0.0.1:PORT/reply (default ${DEFAULT-VALUE})")
    int replyPort;

    @Option(
            names = "--grace",
            defaultValue = "10",
            description = "seconds to wait for late replies (default ${DEFAULT-VALUE})")
    int grace;

    @Option(
            names = "--max-in-flight",
            defaultValue = "1000",
            description = "cap on unanswered requests (default ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(
            names = "--connections",
            defaultValue = "16",
            description =
                    "keep-alive connections to each target, requests pipelined on them (default ${DEFAULT-VALUE})")
    int connections;

    @Option(
            names = "--server-pid",
            defaultValue = "0",
            split = ",",
            description = "pid of the server (a comma-separated list: summed), to report its CPU per message in the"
                    + " measured phase")
    List<Long> serverPid;

    @Option(
            names = "--redis-pid",
            defaultValue = "0",
            split = ",",
            description = "pid of redis-server (a comma-separated list: summed), to report its CPU per message in the"
                    + " measured phase")
    List<Long> redisPid;

    @Option(names = "--skip-bare", description = "do not run the bare endpoint")
    boolean skipBare;

    @Option(
            names = "--texts",
            paramLabel = "FILE",
            description = "message texts, one per line, used in turn (default: one fixed concern without a place)")
    java.nio.file.Path textsFile;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (users < 1
                || duration < 1
                || warmup < 0
                || maxInFlight < 1
                || connections < 1
                || rates.stream().anyMatch(r -> r < 1)) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--users, --duration, --rate, --connections and --max-in-flight must be positive");
        }
        if (rates.stream().anyMatch(r -> (long) r * (warmup + duration) > 5_000_000)) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "at most 5,000,000 messages per run (they are signed in advance)");
        }
        GenericSignature signature = new GenericSignature(secret);
        GeneratorThreads threads = new GeneratorThreads();
        List<InetSocketAddress> webhooks = targets.stream()
                .map(t -> new InetSocketAddress(t.getHost(), t.getPort()))
                .toList();
        InetSocketAddress webhook = webhooks.get(0);
        String runId = "bench" + Long.toString(System.currentTimeMillis(), 36);
        try (BareEndpoint bare = new BareEndpoint(0);
                ReplyReceiver receiver = new ReplyReceiver(replyPort, signature, threads)) {
            out.printf(
                    Locale.ROOT,
                    "load: %d s warm-up + %d s measured per run, %d users, %d connections, max %d in flight;"
                            + " replies on port %d%n",
                    warmup,
                    duration,
                    users,
                    connections,
                    maxInFlight,
                    receiver.port());
            for (int rate : rates) {
                LoadResult bareResult = null;
                if (!skipBare) {
                    InetSocketAddress bareAddress = new InetSocketAddress("127.0.0.1", bare.port());
                    SignedMessages messages = messages(signature, runId + "-r" + rate + "-bare", bareAddress, rate);
                    bareResult = new OpenLoopLoad(
                                    List.of(bareAddress),
                                    messages,
                                    connections,
                                    maxInFlight,
                                    threads,
                                    new ProcessCpu(0),
                                    new ProcessCpu(0))
                            .run(rate, Duration.ofSeconds(warmup), ignoring());
                }
                SignedMessages messages = messages(signature, runId + "-r" + rate, webhook, rate);
                ReplyTracker runTracker = new ReplyTracker(
                        messages.prefix(), messages.count(), (int) Math.min(messages.count(), (long) rate * warmup));
                receiver.use(runTracker);
                long runStartNanos = System.nanoTime();
                LoadResult result = new OpenLoopLoad(
                                webhooks,
                                messages,
                                connections,
                                maxInFlight,
                                threads,
                                new ProcessCpu(serverPid),
                                new ProcessCpu(redisPid))
                        .run(rate, Duration.ofSeconds(warmup), tracking(runTracker));
                awaitReplies(runTracker);
                print(rate, bareResult, result, runTracker, runStartNanos);
            }
        }
        return 0;
    }

    private SignedMessages messages(GenericSignature signature, String prefix, InetSocketAddress to, int rate) {
        int count = (int) ((long) rate * (warmup + duration));
        long firstSecond = System.currentTimeMillis() / 1000 + 1;
        java.util.List<String> texts;
        try {
            texts = textsFile == null
                    ? java.util.List.of()
                    : java.nio.file.Files.readAllLines(textsFile).stream()
                            .filter(l -> !l.isBlank())
                            .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new SignedMessages(
                signature, prefix, users, to.getHostString() + ":" + to.getPort(), count, rate, firstSecond, texts);
    }

    private void awaitReplies(ReplyTracker tracker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(grace).toNanos();
        while (tracker.missing() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static OpenLoopLoad.Listener ignoring() {
        return new OpenLoopLoad.Listener() {
            @Override
            public void posting(int index, long intendedNanos, boolean measured) {}

            @Override
            public void notAccepted(int index) {}
        };
    }

    private static OpenLoopLoad.Listener tracking(ReplyTracker tracker) {
        return new OpenLoopLoad.Listener() {
            @Override
            public void posting(int index, long intendedNanos, boolean measured) {
                tracker.expect(index, intendedNanos);
            }

            @Override
            public void notAccepted(int index) {
                tracker.forget(index);
            }
        };
    }

    private void print(int rate, LoadResult bare, LoadResult shangliang, ReplyTracker tracker, long runStartNanos) {
        out.printf(Locale.ROOT, "%n=== rate %d msg/s ===%n", rate);
        out.printf(Locale.ROOT, "%-34s %16s %16s%n", "", "bare Javalin", "Shangliang");
        row("sent (measured)", bare, shangliang, r -> Long.toString(r.sent()));
        row("acknowledged 2xx", bare, shangliang, r -> Long.toString(r.ok()));
        row("ack throughput (msg/s)", bare, shangliang, r -> fmt(r.throughput()));
        row("ack p50 (ms)", bare, shangliang, r -> ms(r.ackMicros(), 50));
        row("ack p99 (ms)", bare, shangliang, r -> ms(r.ackMicros(), 99));
        row("ack p99.9 (ms)", bare, shangliang, r -> ms(r.ackMicros(), 99.9));
        row("ack max (ms)", bare, shangliang, r -> fmt(r.ackMicros().getMaxValue() / 1000.0));
        row("errors / non-2xx", bare, shangliang, r -> r.errors() + " / " + r.non2xx());
        row("generator threads CPU (s)", bare, shangliang, r -> fmt(r.generatorCpuNanos() / 1e9));
        row(
                "generator CPU per msg (ms)",
                bare,
                shangliang,
                r -> String.format(Locale.ROOT, "%.4f", r.generatorCpuMsPerMessage()));
        row("whole generator process CPU (s)", bare, shangliang, r -> fmt(r.processCpuNanos() / 1e9));
        row(
                "server CPU per msg (ms)",
                bare,
                shangliang,
                r -> String.format(Locale.ROOT, "%.3f", r.perMessageMs(r.serverCpuNanos())));
        row(
                "redis CPU per msg (ms)",
                bare,
                shangliang,
                r -> String.format(Locale.ROOT, "%.3f", r.perMessageMs(r.redisCpuNanos())));
        row("generator max lag (ms)", bare, shangliang, r -> fmt(r.maxLateMicros() / 1000.0));
        Histogram e2e = tracker.latencyMicros();
        double e2eSeconds = Math.max(0, tracker.lastReplyNanos() - shangliang.measuredStartNanos()) / 1e9;
        out.printf(Locale.ROOT, "%-34s %16s %16d%n", "replies received", "", tracker.replies());
        out.printf(
                Locale.ROOT,
                "%-34s %16s %16s%n",
                "e2e throughput (replies/s)",
                "",
                fmt(e2eSeconds > 0 ? tracker.replies() / e2eSeconds : 0));
        double anySeconds = Math.max(0, tracker.lastAnyReplyNanos() - runStartNanos) / 1e9;
        out.printf(
                Locale.ROOT,
                "%-34s %16s %16s%n",
                "all replies/s incl. warm-up msgs",
                "",
                fmt(anySeconds > 0 ? tracker.allReplies() / anySeconds : 0));
        out.printf(Locale.ROOT, "%-34s %16s %16s%n", "e2e p50 (ms)", "", ms(e2e, 50));
        out.printf(Locale.ROOT, "%-34s %16s %16s%n", "e2e p99 (ms)", "", ms(e2e, 99));
        out.printf(Locale.ROOT, "%-34s %16s %16s%n", "e2e p99.9 (ms)", "", ms(e2e, 99.9));
        out.printf(Locale.ROOT, "%-34s %16s %16s%n", "e2e max (ms)", "", fmt(e2e.getMaxValue() / 1000.0));
        out.printf(
                Locale.ROOT,
                "%-34s %16s %16s%n",
                "replies missing after " + grace + " s",
                "",
                Long.toString(tracker.missing()));
        out.printf(
                Locale.ROOT,
                "%-34s %16s %16d%n",
                "further replies (2nd, 3rd … to a msg)",
                "",
                tracker.furtherReplies());
        out.printf(
                Locale.ROOT,
                "%-34s %16s %16s%n",
                "replies unmatched / bad signature",
                "",
                tracker.unmatched() + " / " + tracker.badSignatures());
        out.flush();
    }

    private void row(
            String name, LoadResult bare, LoadResult shangliang, java.util.function.Function<LoadResult, String> f) {
        out.printf(Locale.ROOT, "%-34s %16s %16s%n", name, bare == null ? "-" : f.apply(bare), f.apply(shangliang));
    }

    private static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : fmt(h.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }
}
