package cn.shangliang.bench;

import cn.shangliang.matching.ChineseAnalyzer;
import cn.shangliang.matching.Concern;
import cn.shangliang.matching.LuceneTopicIndex;
import cn.shangliang.matching.MatchResult;
import cn.shangliang.matching.MatchingSettings;
import cn.shangliang.matching.SemanticReranker;
import cn.shangliang.matching.TopicVectors;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one match against 100,000 open topics over 18 towns, on one thread (read p0.99 of the sample).
 *
 * <p>{@code mode=words}: the word matcher alone. {@code mode=meaning-but-model}: everything matching by meaning adds
 * except the model itself, which {@link EncodeBenchmark} measures: the concern's vector comes from a stand-in encoder
 * (a pseudo-random unit vector per text, a few microseconds), the topics' vectors are prepared beforehand, and the
 * match scans the 8-bit vectors of every topic of the concern's place for candidates by meaning and re-scores them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Threads(1)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx2g"})
public class MatchBenchmark {

    @Param("100000")
    int topics;

    @Param({"words", "meaning-but-model"})
    String mode;

    private LuceneTopicIndex index;
    private Concern[] concerns;
    private int next;

    @Setup(Level.Trial)
    public void build() {
        boolean meaning = mode.equals("meaning-but-model");
        index = LuceneTopicIndex.inMemory(
                ChineseAnalyzer.withSynonymFile(Path.of("config", "synonyms.txt")),
                meaning ? MatchingSettings.SEMANTIC : MatchingSettings.DEFAULTS);
        if (meaning) {
            index.withSemantic(
                    new SemanticReranker(MatchBenchmark::standInVector, TopicVectors.inMemory(2 * topics), 0.5));
        }
        TopicGenerator generator = new TopicGenerator(42);
        index.replaceAll(generator.topics(topics));
        index.prepareVectorsNow();
        index.markReady();
        concerns = new Concern[4096];
        for (int i = 0; i < concerns.length; i++) {
            concerns[i] = generator.concern();
        }
    }

    /** A unit vector of 512 dimensions that depends only on the text, as cheap as possible. */
    static float[] standInVector(String text) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(text.hashCode());
        float[] v = new float[512];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() - 0.5);
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    @TearDown(Level.Trial)
    public void close() {
        index.close();
    }

    @Benchmark
    public MatchResult match() {
        Concern concern = concerns[next++ & (concerns.length - 1)];
        return index.match(concern);
    }
}
