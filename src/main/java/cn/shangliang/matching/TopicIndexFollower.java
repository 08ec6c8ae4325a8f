package cn.shangliang.matching;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link LuceneTopicIndex} current: loads every topic from the {@link TopicFeed}, marks the index ready, then
 * applies the stream of changes as they come (a blocking read of at most {@code wait}, so a change reaches the index
 * well within a second). On a feed failure (Redis away) it logs, waits {@code retryDelay} and goes on from the last
 * applied position; before the first load succeeds the index stays not ready.
 */
public final class TopicIndexFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicIndexFollower.class);

    private final TopicFeed feed;
    private final LuceneTopicIndex index;
    private final ThreadFactory threads;
    private final Duration wait;
    private final Duration retryDelay;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile String position;

    public TopicIndexFollower(
            TopicFeed feed, LuceneTopicIndex index, ThreadFactory threads, Duration wait, Duration retryDelay) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.index = Objects.requireNonNull(index, "index");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
    }

    /** Starts the load and the following on a thread of the factory; returns at once (see {@link #isReady()}). */
    public synchronized void start() {
        if (running) {
            throw new IllegalStateException("follower already started");
        }
        running = true;
        thread = threads.newThread(this::run);
        thread.start();
    }

    /** Whether the initial load is done and the index is being kept current. */
    public boolean isReady() {
        return index.isReady();
    }

    private void run() {
        while (running) {
            try {
                if (position == null) {
                    load();
                } else {
                    follow();
                }
            } catch (TopicFeed.GapException e) {
                log.warn("topic index fell behind the change stream ({}); rebuilding", e.getMessage());
                position = null;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("topic feed failed ({}); retrying in {} ms", e.toString(), retryDelay.toMillis());
                pause();
            }
        }
    }

    private void load() {
        long start = System.nanoTime();
        TopicFeed.Snapshot snapshot = feed.snapshot();
        index.replaceAll(snapshot.topics());
        position = snapshot.position();
        index.markReady();
        log.info(
                "topic index built: {} open of {} topics in {} ms",
                index.size(),
                snapshot.topics().size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private void follow() {
        List<TopicChange> changes = feed.changesAfter(position, wait);
        for (TopicChange change : changes) {
            index.upsert(change.topic());
            position = change.position();
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops following; the index keeps what it has. */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(wait.toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
