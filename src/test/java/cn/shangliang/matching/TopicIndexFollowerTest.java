package cn.shangliang.matching;

import static org.awaitility.Awaitility.await;

import cn.shangliang.consultation.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TopicIndexFollowerTest {

    @Test
    void gapInTheChangeStream_makesTheFollowerRebuildFromASnapshot() {
        AtomicInteger snapshots = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        Topic later = new Topic("T-2", "月城镇", "双泾村", Topic.Level.VILLAGE, "主路路灯坏了", "主路路灯坏了不亮", Topic.Status.ACCEPTED);
        TopicFeed feed = new TopicFeed() {
            @Override
            public Snapshot snapshot() {
                // the second snapshot (after the gap) holds the topic whose change was trimmed away
                return snapshots.incrementAndGet() == 1
                        ? new Snapshot(List.of(), "1-0")
                        : new Snapshot(List.of(later), "9-0");
            }

            @Override
            public List<TopicChange> changesAfter(String position, Duration wait) {
                if (reads.incrementAndGet() == 1) {
                    throw new GapException("trimmed");
                }
                return List.of();
            }
        };
        try (LuceneTopicIndex index = LuceneTopicIndex.inMemory(
                        ChineseAnalyzer.withSynonymFile(Path.of("config", "synonyms.txt")), MatchingSettings.DEFAULTS);
                TopicIndexFollower follower = new TopicIndexFollower(
                        feed, index, Thread.ofVirtual().factory(), Duration.ofMillis(10), Duration.ofMillis(10))) {
            follower.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> snapshots.get() >= 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> index.size() == 1);
        }
    }
}
