package cn.shangliang.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;

/**
 * Synonyms in Solr format, applied as a rewrite of the text to one canonical form before segmentation.
 *
 * <p>Lines are {@code a, b, c} (equivalent: b and c are rewritten to a, the first) or {@code a, b => c} (a and b are
 * rewritten to c; with several right-hand sides the first is used). {@code #} starts a comment. Rewriting characters
 * rather than tokens is deliberate: a Chinese segmenter may split {@code 电瓶车} and {@code 电动车} differently, so
 * token-level synonyms would silently miss; a character rewrite makes the word field and the bigram field agree.
 * Entries are matched longest first, so {@code 垃圾箱} is rewritten before a shorter entry could cut into it.
 */
public final class SynonymTable {

    private final Map<String, String> rewrites;
    private final NormalizeCharMap charMap;

    private SynonymTable(Map<String, String> rewrites) {
        this.rewrites = Collections.unmodifiableMap(rewrites);
        if (rewrites.isEmpty()) {
            this.charMap = null;
        } else {
            NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
            rewrites.forEach(builder::add);
            // a canonical form maps to itself, so that a variant that is its prefix ("公交" of "公交车") cannot cut into it
            rewrites.values().stream()
                    .distinct()
                    .filter(canonical -> !rewrites.containsKey(canonical))
                    .forEach(canonical -> builder.add(canonical, canonical));
            this.charMap = builder.build();
        }
    }

    public static SynonymTable empty() {
        return new SynonymTable(Map.of());
    }

    /**
     * Reads a Solr-format synonym file.
     *
     * @param normaliser applied to every entry so that entries match normalised text (pass {@code s -> s} for none)
     * @throws IllegalArgumentException naming the file and line of a malformed entry
     * @throws UncheckedIOException when the file cannot be read
     */
    public static SynonymTable load(Path file, java.util.function.UnaryOperator<String> normaliser) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read synonym file " + file, e);
        }
        return parse(lines, file.toString(), normaliser);
    }

    static SynonymTable parse(List<String> lines, String source, java.util.function.UnaryOperator<String> normaliser) {
        Map<String, String> rewrites = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i)).strip();
            if (line.isEmpty()) {
                continue;
            }
            String location = source + ":" + (i + 1);
            int arrow = line.indexOf("=>");
            List<String> from;
            String to;
            if (arrow >= 0) {
                from = terms(line.substring(0, arrow), normaliser);
                List<String> targets = terms(line.substring(arrow + 2), normaliser);
                if (from.isEmpty() || targets.isEmpty()) {
                    throw new IllegalArgumentException(location + ": synonym rule needs terms on both sides of =>");
                }
                to = targets.get(0);
            } else {
                List<String> all = terms(line, normaliser);
                if (all.size() < 2) {
                    throw new IllegalArgumentException(location + ": synonym line needs at least two terms");
                }
                to = all.get(0);
                from = all.subList(1, all.size());
            }
            for (String term : from) {
                if (!term.equals(to)) {
                    rewrites.putIfAbsent(term, to);
                }
            }
        }
        return new SynonymTable(rewrites);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static List<String> terms(String part, java.util.function.UnaryOperator<String> normaliser) {
        List<String> out = new ArrayList<>();
        for (String raw : part.split(",")) {
            String term = normaliser.apply(raw.strip()).strip();
            if (!term.isEmpty()) {
                out.add(term);
            }
        }
        return out;
    }

    /** The rewrite of each variant to its canonical form. */
    public Map<String, String> rewrites() {
        return rewrites;
    }

    /** Null when the table is empty. */
    NormalizeCharMap charMap() {
        return charMap;
    }

    /** The text with every synonym rewritten to its canonical form. */
    public String apply(String text) {
        if (charMap == null) {
            return text;
        }
        try (var reader =
                new org.apache.lucene.analysis.charfilter.MappingCharFilter(charMap, new java.io.StringReader(text))) {
            StringBuilder out = new StringBuilder(text.length());
            char[] buffer = new char[256];
            int n;
            while ((n = reader.read(buffer)) > 0) {
                out.append(buffer, 0, n);
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
