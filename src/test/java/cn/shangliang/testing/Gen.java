package cn.shangliang.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A generator of test samples for property tests ({@link Properties#forAll}). Samples come only from the given
 * random source, so a seed reproduces them. Combine generators with {@link #map}, {@link #oneOf}, or a lambda that
 * calls {@code next(r)} on each part: {@code r -> a.next(r) + b.next(r)}. The basic generators lean towards edge
 * values (extreme numbers, empty and odd text) rather than spreading evenly.
 */
@FunctionalInterface
public interface Gen<T> {

    T next(RandomGenerator r);

    default <U> Gen<U> map(Function<? super T, ? extends U> fn) {
        return r -> fn.apply(next(r));
    }

    /** Lists of 0 to {@code maxSize} samples of this generator (empty and full lists more often than by chance). */
    default Gen<List<T>> list(int maxSize) {
        return r -> {
            int size = size(r, maxSize);
            List<T> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(next(r));
            }
            return list;
        };
    }

    /** Always {@code value}. */
    static <T> Gen<T> just(T value) {
        return r -> value;
    }

    /** One of the given values, evenly. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        List<T> copy = List.of(values);
        return r -> copy.get(r.nextInt(copy.size()));
    }

    /** A sample of one of the given generators, chosen evenly. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = List.of(gens);
        return r -> copy.get(r.nextInt(copy.size())).next(r);
    }

    static Gen<Boolean> booleans() {
        return RandomGenerator::nextBoolean;
    }

    /** Any int, often one of 0, ±1, the int bounds or a small number. */
    static Gen<Integer> ints() {
        return longs().map(Long::intValue);
    }

    /** Ints from {@code min} to {@code max} inclusive, often one of the bounds. */
    static Gen<Integer> ints(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    /** Any long, often one of 0, ±1, the long and int bounds or a small number. */
    static Gen<Long> longs() {
        Gen<Long> edge = of(
                0L,
                1L,
                -1L,
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                Long.MIN_VALUE + 1,
                Long.MAX_VALUE - 1,
                (long) Integer.MIN_VALUE,
                (long) Integer.MAX_VALUE,
                Integer.MIN_VALUE - 1L,
                Integer.MAX_VALUE + 1L);
        return r -> switch (r.nextInt(4)) {
            case 0 -> edge.next(r);
            case 1 -> r.nextLong(-1000, 1001);
            default -> r.nextLong();
        };
    }

    /** Longs from {@code min} to {@code max} inclusive, often one of the bounds. */
    static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min > max");
        }
        return r -> switch (r.nextInt(8)) {
            case 0 -> min;
            case 1 -> max;
            default -> max == Long.MAX_VALUE ? r.nextLong(min - 1, max) + 1 : r.nextLong(min, max + 1);
        };
    }

    /** Any double, often NaN, an infinity, ±0, the extremes, or a whole or small number. */
    static Gen<Double> doubles() {
        Gen<Double> edge = of(
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                0.0,
                -0.0,
                1.0,
                -1.0,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                Double.MIN_VALUE,
                -Double.MIN_VALUE,
                Double.MIN_NORMAL,
                9.223372036854776E18,
                -9.223372036854776E18);
        return r -> switch (r.nextInt(4)) {
            case 0 -> edge.next(r);
            case 1 -> (double) r.nextLong(-100_000, 100_001) / 100;
            case 2 -> Double.longBitsToDouble(r.nextLong());
            default -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-10, 20));
        };
    }

    /**
     * Strings of up to {@code maxLen} chars, biased to trouble: empty, control characters, lone surrogates, CJK,
     * emoji, quotes, backslashes and {@code <&>}, besides plain ASCII and any other char.
     */
    static Gen<String> strings(int maxLen) {
        Gen<String> edge = of(
                "",
                " ",
                "\u0000",
                "\"",
                "\\",
                "'",
                "<&>",
                "\ud800",
                "\udfff",
                "\ud83d\ude4f",
                "王阿姨",
                "\r\n",
                "\t",
                "\u00a0",
                "\ufeff",
                "\\u0000",
                "<![CDATA[",
                "]]>",
                "null");
        return r -> {
            if (r.nextInt(10) == 0) {
                String s = edge.next(r);
                return s.length() <= maxLen ? s : s.substring(0, maxLen);
            }
            int len = size(r, maxLen);
            StringBuilder b = new StringBuilder(len);
            while (b.length() < len) {
                switch (r.nextInt(12)) {
                    case 0 -> b.append((char) r.nextInt(0x20));
                    case 1 -> b.append(r.nextBoolean() ? '\u007f' : (char) r.nextInt(0x80, 0xa0));
                    case 2 -> b.append((char) r.nextInt(0xd800, 0xe000));
                    case 3, 4 -> b.append((char) r.nextInt(0x4e00, 0xa000));
                    case 5 -> {
                        if (b.length() + 2 <= len) {
                            b.appendCodePoint(r.nextInt(0x1f300, 0x1fa00));
                        } else {
                            b.append('?');
                        }
                    }
                    case 6 -> b.append("\"'\\<&>{}[]:,".charAt(r.nextInt(12)));
                    case 7 -> b.append((char) r.nextInt(0x10000));
                    default -> b.append((char) r.nextInt(0x20, 0x7f));
                }
            }
            return b.toString();
        };
    }

    /** Byte arrays of up to {@code maxLen} bytes: random bytes, often empty or with a UTF-8 or JSON look. */
    static Gen<byte[]> bytes(int maxLen) {
        return r -> {
            if (r.nextInt(8) == 0) {
                return new byte[0];
            }
            if (r.nextInt(4) == 0) {
                byte[] text = strings(maxLen).next(r).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                return java.util.Arrays.copyOf(text, Math.min(text.length, maxLen));
            }
            byte[] b = new byte[size(r, maxLen)];
            r.nextBytes(b);
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = (byte) (r.nextBoolean() ? '{' : '[');
            }
            return b;
        };
    }

    /** Maps of up to {@code maxSize} entries (fewer when keys repeat). */
    static <K, V> Gen<Map<K, V>> maps(Gen<? extends K> keys, Gen<? extends V> values, int maxSize) {
        return r -> {
            int size = size(r, maxSize);
            Map<K, V> map = new HashMap<>();
            for (int i = 0; i < size; i++) {
                map.put(keys.next(r), values.next(r));
            }
            return map;
        };
    }

    /** A size from 0 to {@code max}, 0 and {@code max} more often than by chance. */
    private static int size(RandomGenerator r, int max) {
        if (max <= 0) {
            return 0;
        }
        return switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1 -> max;
            default -> r.nextInt(max + 1);
        };
    }
}
