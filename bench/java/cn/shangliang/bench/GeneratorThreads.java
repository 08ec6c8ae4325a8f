package cn.shangliang.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Starts the generator's own threads (senders, response readers, reply receivers) as platform threads and adds up
 * the CPU time they use, living or finished, so that the generator's cost can be told apart from the bare endpoint's
 * Jetty that runs in the same process.
 */
final class GeneratorThreads {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    private final LongAdder finishedNanos = new LongAdder();
    /** The thread that created this, which runs the send schedule. */
    private final long schedulerId = Thread.currentThread().threadId();

    Thread start(String name, Runnable body) {
        Thread t = Thread.ofPlatform().daemon().name("gen-" + name).unstarted(() -> {
            try {
                body.run();
            } finally {
                finishedNanos.add(Math.max(0, THREADS.getCurrentThreadCpuTime()));
                live.remove(Thread.currentThread());
            }
        });
        live.add(t);
        t.start();
        return t;
    }

    /** CPU time used so far by every thread started here, and by the thread that created this (the scheduler). */
    long cpuNanos() {
        long sum = finishedNanos.sum() + Math.max(0, THREADS.getThreadCpuTime(schedulerId));
        for (Thread t : live) {
            sum += Math.max(0, THREADS.getThreadCpuTime(t.threadId()));
        }
        return sum;
    }
}
