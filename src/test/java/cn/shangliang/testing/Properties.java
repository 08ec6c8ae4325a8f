package cn.shangliang.testing;

import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property over samples of a {@link Gen}. The samples come from a fixed seed, so every run tests the same
 * samples; {@code -Dproperty.seed=N} runs them from another seed. A failure names the seed, the try and the sample.
 */
public final class Properties {

    /** The seed when no {@code property.seed} system property is set. */
    public static final long DEFAULT_SEED = 20_261_126L;

    private static final int SAMPLE_CHARS = 300;

    private Properties() {}

    /** The seed this run uses: {@code -Dproperty.seed} if set, otherwise {@link #DEFAULT_SEED}. */
    public static long seed() {
        String set = System.getProperty("property.seed");
        if (set == null || set.isBlank()) {
            return DEFAULT_SEED;
        }
        try {
            return Long.parseLong(set.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dproperty.seed must be a whole number, not " + set, e);
        }
    }

    /** Checks {@code property} on {@code tries} samples of {@code gen} from the run's seed. */
    public static <T> void forAll(Gen<T> gen, int tries, Consumer<? super T> property) {
        forAll(seed(), gen, tries, property);
    }

    /** Checks {@code property} on {@code tries} samples of {@code gen} from {@code seed}. */
    public static <T> void forAll(long seed, Gen<T> gen, int tries, Consumer<? super T> property) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 1; i <= tries; i++) {
            T sample = gen.next(random);
            try {
                property.accept(sample);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        "Property failed with seed " + seed + " (rerun: -Dproperty.seed=" + seed + ") at try " + i
                                + " of " + tries + " on sample " + describe(sample) + ": " + e,
                        e);
            }
        }
    }

    /** The sample as short printable text: control characters and surrogates escaped, at most a few hundred chars. */
    static String describe(Object sample) {
        String text =
                sample instanceof byte[] bytes ? "bytes[" + HexFormat.of().formatHex(bytes) + "]" : quoted(sample);
        return text.length() <= SAMPLE_CHARS
                ? text
                : text.substring(0, SAMPLE_CHARS) + "… (" + text.length() + " chars in all)";
    }

    private static String quoted(Object sample) {
        String s = String.valueOf(sample);
        StringBuilder b = new StringBuilder(sample instanceof String ? "\"" : "");
        for (char c : s.toCharArray()) {
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(sample instanceof String ? "\"" : "").toString();
    }
}
