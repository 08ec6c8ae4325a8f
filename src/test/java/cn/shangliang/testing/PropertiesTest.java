package cn.shangliang.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The property-test harness itself: a false property fails and says how to reproduce it; samples hit the edges. */
class PropertiesTest {

    @Test
    void forAll_falseProperty_failsNamingSeedTryAndSample() {
        assertThatThrownBy(() -> Properties.forAll(
                        42L, Gen.longs(0, 1000), 500, n -> assertThat(n).isLessThan(990)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed 42")
                .hasMessageContaining("-Dproperty.seed=42")
                .hasMessageMatching("(?s).* at try \\d+ of 500 on sample (99\\d|1000): .*")
                .cause()
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("990");
    }

    @Test
    void forAll_runSeed_isNamedWhenAPropertyThrows() {
        assertThatThrownBy(() -> Properties.forAll(Gen.strings(5), 10, s -> {
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed " + Properties.seed())
                .hasMessageContaining("at try 1 of 10")
                .cause()
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void forAll_trueProperty_runsEveryTry() {
        List<Long> seen = new ArrayList<>();
        Properties.forAll(7L, Gen.longs(), 250, seen::add);
        assertThat(seen).hasSize(250);
    }

    @Test
    void forAll_sameSeed_sameSamples() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        Properties.forAll(99L, Gen.strings(20), 100, first::add);
        Properties.forAll(99L, Gen.strings(20), 100, second::add);
        List<String> other = new ArrayList<>();
        Properties.forAll(100L, Gen.strings(20), 100, other::add);

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void describe_longOrOddSamples_areShortenedAndEscaped() {
        assertThat(Properties.describe("a\u0000\ud800b")).isEqualTo("\"a\\u0000\\ud800b\"");
        assertThat(Properties.describe(new byte[] {1, (byte) 0xff})).isEqualTo("bytes[01ff]");
        assertThat(Properties.describe("x".repeat(1000))).hasSizeLessThan(340).endsWith("(1002 chars in all)");
    }

    @Test
    void strings_reachTheEdgeCharactersWithinTheirLength() {
        SplittableRandom r = new SplittableRandom(1);
        Gen<String> gen = Gen.strings(12);
        Set<String> kinds = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String s = gen.next(r);
            assertThat(s.length()).isLessThanOrEqualTo(12);
            if (s.isEmpty()) kinds.add("empty");
            for (char c : s.toCharArray()) {
                if (c < 0x20) kinds.add("control");
                if (Character.isSurrogate(c)) kinds.add("surrogate");
                if (c >= 0x4e00 && c < 0xa000) kinds.add("cjk");
                if ("\"\\<&>".indexOf(c) >= 0) kinds.add("markup");
            }
            if (s.codePoints().anyMatch(cp -> cp >= 0x1f300)) kinds.add("emoji");
        }
        assertThat(kinds).contains("empty", "control", "surrogate", "cjk", "markup", "emoji");
    }

    @Test
    void numbers_reachTheirExtremes() {
        SplittableRandom r = new SplittableRandom(1);
        Set<Long> longs = new HashSet<>();
        Set<Double> doubles = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            longs.add(Gen.longs().next(r));
            doubles.add(Gen.doubles().next(r));
        }
        long intMin = Integer.MIN_VALUE;
        long intMax = Integer.MAX_VALUE;
        assertThat(longs).contains(Long.MIN_VALUE, Long.MAX_VALUE, 0L, 1L, -1L, intMin, intMax);
        assertThat(doubles).contains(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE);
        assertThat(Gen.longs(5, 5).next(r)).isEqualTo(5L);
        assertThat(Gen.longs(Long.MAX_VALUE - 1, Long.MAX_VALUE).next(r)).isGreaterThanOrEqualTo(Long.MAX_VALUE - 1);
    }
}
