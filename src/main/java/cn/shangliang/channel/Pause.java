package cn.shangliang.channel;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Sleeps and stops of the pipeline's loops, in short steps so that stopping a loop is never held up. */
public final class Pause {

    private Pause() {}

    /** Waits up to five seconds for each loop thread to end (their loops check a flag the caller has cleared). */
    public static void joinAll(java.util.List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    /** Sleeps up to {@code d}, returning early once {@code keepGoing} turns false or the thread is interrupted. */
    public static void sleep(Duration d, BooleanSupplier keepGoing) {
        long until = System.nanoTime() + d.toNanos();
        try {
            while (keepGoing.getAsBoolean() && System.nanoTime() < until) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
