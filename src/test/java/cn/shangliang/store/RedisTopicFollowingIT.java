package cn.shangliang.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.shangliang.consultation.Topic;
import cn.shangliang.matching.ChineseAnalyzer;
import cn.shangliang.matching.Concern;
import cn.shangliang.matching.LuceneTopicIndex;
import cn.shangliang.matching.MatchResult;
import cn.shangliang.matching.MatchingSettings;
import cn.shangliang.matching.TopicChange;
import cn.shangliang.matching.TopicIndexFollower;
import cn.shangliang.testing.RedisPerClass;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XTrimParams;

/** Two processes' indexes on one Redis: what one writes, the other matches within a second. */
class RedisTopicFollowingIT {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    private static ChineseAnalyzer analyzer;

    private UnifiedJedis clientA;
    private UnifiedJedis clientB;
    private RedisTopicStore storeA;
    private LuceneTopicIndex indexA;
    private LuceneTopicIndex indexB;
    private TopicIndexFollower followerA;
    private TopicIndexFollower followerB;

    @BeforeAll
    static void loadAnalyzer() {
        analyzer = ChineseAnalyzer.withSynonymFile(Path.of("config", "synonyms.txt"));
    }

    @BeforeEach
    void twoProcesses() {
        clientA = RedisConnector.connect(redis.url(), 4);
        clientB = RedisConnector.connect(redis.url(), 4);
        storeA = new RedisTopicStore(clientA, new ObjectMapper());
        storeA.save(lights("T-OLD"), TopicChange.Kind.CREATED);
        indexA = LuceneTopicIndex.inMemory(analyzer, MatchingSettings.DEFAULTS);
        indexB = LuceneTopicIndex.inMemory(analyzer, MatchingSettings.DEFAULTS);
        followerA = follower(new RedisTopicStore(clientA, new ObjectMapper()), indexA);
        followerB = follower(new RedisTopicStore(clientB, new ObjectMapper()), indexB);
    }

    @AfterEach
    void stop() {
        followerA.close();
        followerB.close();
        indexA.close();
        indexB.close();
        clientA.close();
        clientB.close();
    }

    private static TopicIndexFollower follower(RedisTopicStore store, LuceneTopicIndex index) {
        TopicIndexFollower follower = new TopicIndexFollower(
                store, index, Thread.ofVirtual().factory(), Duration.ofMillis(200), Duration.ofMillis(200));
        follower.start();
        return follower;
    }

    @Test
    void startUp_buildsFromRedisAndBecomesReady() {
        await().atMost(Duration.ofSeconds(10)).until(() -> followerA.isReady() && followerB.isReady());
        assertThat(indexB.size()).isEqualTo(1);
    }

    @Test
    void topicCreatedOnOneProcess_matchesOnTheOtherWithinOneSecond() {
        await().atMost(Duration.ofSeconds(10)).until(() -> followerA.isReady() && followerB.isReady());
        storeA.save(bus("T-BUS"), TopicChange.Kind.CREATED);
        Concern concern = new Concern("璜土镇", "石庄村", "到城区的公交班次太少了，末班车太早");
        await().atMost(Duration.ofSeconds(1))
                .until(() -> indexB.match(concern) instanceof MatchResult.Confident c
                        && c.best().topic().id().equals("T-BUS"));
    }

    @Test
    void topicClosedOnOneProcess_stopsMatchingOnTheOther() {
        await().atMost(Duration.ofSeconds(10)).until(() -> followerA.isReady() && followerB.isReady());
        Topic old = lights("T-OLD");
        storeA.save(
                new Topic(
                        old.id(), old.town(), old.village(), old.level(), old.title(), old.text(), Topic.Status.MERGED),
                TopicChange.Kind.MERGED);
        await().atMost(Duration.ofSeconds(1)).until(() -> indexB.size() == 0 && indexA.size() == 0);
    }

    @Test
    void snapshot_readsBackWhatWasSaved() {
        Topic topic = bus("T-BUS");
        storeA.save(topic, TopicChange.Kind.CREATED);
        assertThat(storeA.snapshot().topics()).contains(topic);
    }

    private static Topic lights(String id) {
        return new Topic(
                id,
                "月城镇",
                "双泾村",
                Topic.Level.VILLAGE,
                "主路路灯坏了不亮",
                "村里主路上好几盏路灯坏了，晚上一片漆黑，走夜路不安全。",
                Topic.Status.RECEIVED);
    }

    private static Topic bus(String id) {
        return new Topic(
                id, "璜土镇", "", Topic.Level.TOWN, "镇上到城区公交班次少", "镇上到城区的公交车班次太少，末班车太早，希望增加班次。", Topic.Status.ACCEPTED);
    }

    @Test
    void feed_whoseUnreadChangesWereTrimmed_reportsAGap_soTheFollowerRebuilds() {
        String old = storeA.save(lights("T-GAP"), TopicChange.Kind.CREATED);
        // fill the capped stream past the trimming point, then trim away everything up to and past `old`
        try (var pipeline = clientA.pipelined()) {
            for (int i = 0; i < RedisTopicStore.STREAM_MAX_LENGTH; i++) {
                pipeline.xadd(
                        RedisKeys.topicChanges(), XAddParams.xAddParams(), Map.of("kind", "UPDATED", "topic", "{}"));
            }
            pipeline.sync();
        }
        clientA.xtrim(
                RedisKeys.topicChanges(), XTrimParams.xTrimParams().maxLen(RedisTopicStore.STREAM_MAX_LENGTH - 10));

        assertThatThrownBy(() -> storeA.changesAfter(old, Duration.ofMillis(10)))
                .isInstanceOf(cn.shangliang.matching.TopicFeed.GapException.class);
        String newest = clientA.xrevrange(RedisKeys.topicChanges(), "+", "-", 1)
                .get(0)
                .getID()
                .toString();
        assertThat(storeA.changesAfter(newest, Duration.ofMillis(10))).isEmpty(); // caught up: no gap
    }
}
