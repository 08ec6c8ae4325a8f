package cn.shangliang.bench;

import org.HdrHistogram.Histogram;

/**
 * What one fixed-rate run measured (warm-up excluded).
 *
 * @param sent requests scheduled in the measured phase
 * @param ok 2xx answers
 * @param non2xx other HTTP statuses
 * @param errors requests that got no answer (connection refused, timeout, …)
 * @param seconds from the start of the measured phase to the last answer
 * @param ackMicros latency of 2xx answers, from each request's intended start time, in microseconds
 * @param maxLateMicros how far the generator itself fell behind its schedule at worst
 * @param measuredStartNanos {@link System#nanoTime()} at which the measured phase began
 * @param generatorCpuNanos CPU time the generator's own process used in the measured phase
 */
record LoadResult(
        long sent,
        long ok,
        long non2xx,
        long errors,
        double seconds,
        Histogram ackMicros,
        long maxLateMicros,
        long measuredStartNanos,
        long generatorCpuNanos) {

    double throughput() {
        return seconds > 0 ? ok / seconds : 0;
    }
}
