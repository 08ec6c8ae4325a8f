package cn.shangliang.bench;

import cn.shangliang.matching.BgeSmallZhEncoder;
import cn.shangliang.matching.ChineseAnalyzer;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What matching by meaning adds to a match: encoding one concern with the sentence-embedding model (the topics'
 * vectors are computed once per topic and cached, the cosines over 20 candidates are negligible). One thread; run
 * the JVM on one core (taskset) so that ONNX Runtime's own threads do not borrow a second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Threads(1)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx1g"})
public class EncodeBenchmark {

    private BgeSmallZhEncoder encoder;
    private String[] texts;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        encoder = BgeSmallZhEncoder.load();
        TopicGenerator generator = new TopicGenerator(42);
        texts = new String[1024];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = ChineseAnalyzer.fold(generator.concern().text());
        }
    }

    @Benchmark
    public float[] encodeConcern() {
        return encoder.encode(texts[next++ & (texts.length - 1)]);
    }

    /** A text of a fixed number of Han characters (generated concerns run together, punctuation left out). */
    @State(Scope.Benchmark)
    public static class FixedLength {
        @Param({"8", "16", "32", "64"})
        public int chars;

        String text;

        @Setup(Level.Trial)
        public void make() {
            TopicGenerator generator = new TopicGenerator(7);
            StringBuilder b = new StringBuilder();
            while (b.length() < chars) {
                generator
                        .concern()
                        .text()
                        .codePoints()
                        .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                        .forEach(b::appendCodePoint);
            }
            text = b.substring(0, chars);
        }
    }

    /** How the encoding's cost grows with the concern's length. */
    @Benchmark
    public float[] encodeChars(FixedLength fixed) {
        return encoder.encode(fixed.text);
    }
}
