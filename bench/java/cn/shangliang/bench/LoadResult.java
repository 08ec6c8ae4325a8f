package cn.shangliang.bench;

import org.HdrHistogram.Histogram;

/**
 * What one fixed-rate run measured (warm-up excluded).
 *
 * @param sent requests scheduled in the measured phase
 * @param ok 2xx answers
 * @param non2xx other HTTP statuses
 * @param errors requests that got no answer (connection refused or broken)
 * @param seconds from the start of the measured phase to the last answer
 * @param ackMicros latency of 2xx answers, from each request's intended start time, in microseconds
 * @param maxLateMicros how far the generator itself fell behind its schedule at worst
 * @param measuredStartNanos {@link System#nanoTime()} at which the measured phase began
 * @param generatorCpuNanos CPU time of the generator's own threads (scheduler, response readers, reply receivers) in
 *     the measured phase
 * @param processCpuNanos CPU time of the generator's whole process in the measured phase (with the in-process bare
 *     endpoint, when that is the target)
 * @param serverCpuNanos CPU time of the server process ({@code --server-pid}) from the start of the measured phase to
 *     the last answer, 0 when not given
 * @param redisCpuNanos the same for redis-server ({@code --redis-pid})
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
        long generatorCpuNanos,
        long processCpuNanos,
        long serverCpuNanos,
        long redisCpuNanos) {

    double throughput() {
        return seconds > 0 ? ok / seconds : 0;
    }

    /** Generator CPU per measured message, in milliseconds. */
    double generatorCpuMsPerMessage() {
        return perMessageMs(generatorCpuNanos);
    }

    double perMessageMs(long cpuNanos) {
        return sent > 0 ? cpuNanos / 1e6 / sent : 0;
    }
}
