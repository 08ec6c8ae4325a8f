package cn.shangliang.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Near-synonyms of general Chinese from the HIT thesaurus 同义词词林 (extended edition), as shipped in the hanlp-portable
 * artifact ({@code data/dictionary/synonym/CoreSynonym.txt}). Each line is a code and its words; a code ending in
 * {@code =} lists words of one meaning ("敬老院 养老院 福利院"), {@code #} words of one kind, {@code @} a word alone.
 *
 * <p>Only {@code =} groups are used, and only words of two or more characters: a single character has too many senses.
 * A word may belong to several groups.
 */
final class Thesaurus {

    private static final String RESOURCE = "/data/dictionary/synonym/CoreSynonym.txt";

    private final Map<String, String[]> groups;

    private Thesaurus(Map<String, String[]> groups) {
        this.groups = groups;
    }

    static Thesaurus get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        private static final Thesaurus INSTANCE = load();
    }

    /** The meaning groups of {@code word}; empty when it has none. */
    String[] groups(String word) {
        return groups.getOrDefault(word, NONE);
    }

    private static final String[] NONE = new String[0];

    /** Whether two different words share a meaning group. */
    boolean synonyms(String a, String b) {
        String[] ga = groups(a);
        if (ga.length == 0) {
            return false;
        }
        for (String x : ga) {
            for (String y : groups(b)) {
                if (x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Thesaurus load() {
        Map<String, List<String>> byWord = new HashMap<>(100_000);
        try (InputStream in = Thesaurus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("thesaurus resource " + RESOURCE + " is missing (hanlp-portable)");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                String[] parts = line.strip().replace("\uFEFF", "").split("\\s+");
                if (parts.length < 3 || parts[0].length() != 8 || parts[0].charAt(7) != '=') {
                    continue;
                }
                String code = parts[0].substring(0, 7).intern();
                for (int i = 1; i < parts.length; i++) {
                    if (parts[i].length() >= 2) {
                        byWord.computeIfAbsent(parts[i], w -> new ArrayList<>(1))
                                .add(code);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the thesaurus", e);
        }
        Map<String, String[]> groups = new HashMap<>(byWord.size() * 2);
        byWord.forEach((word, codes) -> groups.put(word, codes.toArray(String[]::new)));
        return new Thesaurus(groups);
    }
}
