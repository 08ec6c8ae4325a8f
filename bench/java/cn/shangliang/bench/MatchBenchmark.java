package cn.shangliang.bench;

import cn.shangliang.matching.ChineseAnalyzer;
import cn.shangliang.matching.Concern;
import cn.shangliang.matching.LuceneTopicIndex;
import cn.shangliang.matching.MatchResult;
import cn.shangliang.matching.MatchingSettings;
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

/** Latency of one match against 100,000 open topics over 18 towns, on one thread (read p0.99 of the sample). */
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

    private LuceneTopicIndex index;
    private Concern[] concerns;
    private int next;

    @Setup(Level.Trial)
    public void build() {
        index = LuceneTopicIndex.inMemory(
                ChineseAnalyzer.withSynonymFile(Path.of("config", "synonyms.txt")), MatchingSettings.DEFAULTS);
        TopicGenerator generator = new TopicGenerator(42);
        index.replaceAll(generator.topics(topics));
        index.markReady();
        concerns = new Concern[4096];
        for (int i = 0; i < concerns.length; i++) {
            concerns[i] = generator.concern();
        }
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
