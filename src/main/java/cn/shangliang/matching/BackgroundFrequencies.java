package cn.shangliang.matching;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;

/**
 * How common a word is in general Chinese, from the word frequencies of the smartcn core dictionary (a newspaper corpus
 * of about 7.9 million words that ships inside lucene-analysis-smartcn). A matcher that has seen only a few dozen topics
 * cannot tell from them that "晚上" or "回来" says little and "泵站" says much; the background corpus can.
 *
 * <p>The dictionary is read from smartcn's own resource ({@code coredict.mem}, Java-serialised arrays indexed by the
 * GB2312 code of a word's first character). Should a future smartcn change that format, loading fails loudly at start-up
 * and the unit tests fail.
 */
final class BackgroundFrequencies {

    private static final String RESOURCE = "/org/apache/lucene/analysis/cn/smart/hhmm/coredict.mem";

    private final Map<String, Integer> counts;
    private final long total;

    private BackgroundFrequencies(Map<String, Integer> counts, long total) {
        this.counts = counts;
        this.total = total;
    }

    /** The shared instance, loaded on first use (about 85,000 words). */
    static BackgroundFrequencies get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        private static final BackgroundFrequencies INSTANCE = load();
    }

    /** Occurrences of {@code word} in the corpus; 0 when it is not in the dictionary. */
    int count(String word) {
        return counts.getOrDefault(word, 0);
    }

    boolean contains(String word) {
        return counts.containsKey(word);
    }

    long total() {
        return total;
    }

    private static BackgroundFrequencies load() {
        try (InputStream in = HMMChineseTokenizer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("smartcn resource " + RESOURCE + " is missing");
            }
            ObjectInputStream objects = new ObjectInputStream(in);
            objects.readObject(); // hash index table, not needed
            objects.readObject(); // hash char table, not needed
            char[][][] rests = (char[][][]) objects.readObject();
            int[][] frequencies = (int[][]) objects.readObject();
            Charset gb2312 = Charset.forName("GB2312");
            Map<String, Integer> counts = new HashMap<>(128 * 1024);
            long total = 0;
            for (int id = 0; id < rests.length; id++) {
                if (rests[id] == null) {
                    continue;
                }
                String first = new String(new byte[] {(byte) (id / 94 + 161), (byte) (id % 94 + 161)}, gb2312);
                for (int k = 0; k < rests[id].length; k++) {
                    String word = rests[id][k] == null ? first : first + new String(rests[id][k]);
                    counts.merge(word, frequencies[id][k], Integer::sum);
                    total += frequencies[id][k];
                }
            }
            return new BackgroundFrequencies(counts, total);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the smartcn core dictionary", e);
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IllegalStateException("the smartcn core dictionary has an unexpected format", e);
        }
    }
}
