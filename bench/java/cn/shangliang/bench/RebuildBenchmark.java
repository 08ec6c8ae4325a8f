package cn.shangliang.bench;

import cn.shangliang.consultation.Topic;
import cn.shangliang.matching.ChineseAnalyzer;
import cn.shangliang.matching.LuceneTopicIndex;
import cn.shangliang.matching.MatchingSettings;
import cn.shangliang.matching.SemanticReranker;
import cn.shangliang.matching.TopicChange;
import cn.shangliang.matching.TopicFeed;
import cn.shangliang.matching.TopicVectors;
import cn.shangliang.store.EmbeddedRedis;
import cn.shangliang.store.RedisConnector;
import cn.shangliang.store.RedisTopicStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.UnifiedJedis;

/**
 * A full index rebuild from Redis as a process does at start-up: read every topic (HSCAN of the topic hash) and build a
 * fresh in-memory index. After the last iteration, prints the heap the index holds.
 *
 * <p>{@code mode=meaning-but-model} also prepares every topic's vector for matching by meaning, from a stand-in encoder
 * ({@link MatchBenchmark#standInVector}) into a store that keeps nothing, so that the heap printed is the index plus
 * the 8-bit vector copies the matcher keeps for its scan by meaning (the full vectors live in Redis).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx2g"})
public class RebuildBenchmark {

    @Param("100000")
    int topics;

    @Param({"words", "meaning-but-model"})
    String mode;

    private EmbeddedRedis redis;
    private UnifiedJedis client;
    private TopicFeed feed;
    private ChineseAnalyzer analyzer;
    private LuceneTopicIndex last;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        redis = EmbeddedRedis.start(Files.createTempDirectory("bench-redis"), 0);
        client = RedisConnector.connect(redis.url(), 8);
        RedisTopicStore store = new RedisTopicStore(client, new ObjectMapper());
        List<Topic> all = new TopicGenerator(42).topics(topics);
        all.parallelStream().forEach(t -> store.save(t, TopicChange.Kind.CREATED));
        feed = store;
        analyzer = ChineseAnalyzer.withSynonymFile(Path.of("config", "synonyms.txt"));
    }

    @Benchmark
    public LuceneTopicIndex rebuild() {
        if (last != null) {
            last.close();
        }
        boolean meaning = mode.equals("meaning-but-model");
        LuceneTopicIndex index =
                LuceneTopicIndex.inMemory(analyzer, meaning ? MatchingSettings.SEMANTIC : MatchingSettings.DEFAULTS);
        if (meaning) {
            index.withSemantic(new SemanticReranker(MatchBenchmark::standInVector, KEEP_NOTHING, 0.5));
        }
        index.replaceAll(feed.snapshot().topics());
        index.prepareVectorsNow();
        index.markReady();
        last = index;
        return index;
    }

    private static final TopicVectors KEEP_NOTHING = new TopicVectors() {
        @Override
        public java.util.Optional<float[]> get(String key) {
            return java.util.Optional.empty();
        }

        @Override
        public void put(String key, float[] vector) {}
    };

    @TearDown(Level.Trial)
    public void report() {
        long withIndex = usedHeapAfterGc();
        int size = last.size();
        last.close();
        last = null;
        long without = usedHeapAfterGc();
        System.out.printf("%nindex heap: %.1f MiB for %d topics%n", (withIndex - without) / 1048576.0, size);
        client.close();
        redis.close();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
