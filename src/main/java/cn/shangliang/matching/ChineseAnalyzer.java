package cn.shangliang.matching;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Chinese analysis for short, colloquial chat text, the same at index and at query time.
 *
 * <p>The text is first normalised (ICU NFKC with case folding: full-width to half-width, upper to lower case; then the
 * ICU transform Traditional-Simplified) and synonyms are rewritten to their canonical form. Field {@link #WORDS} holds
 * smartcn words; field {@link #BIGRAMS} holds the character bigrams of runs of adjacent content words, so that place
 * names, new words and typos the segmenter cuts badly still share terms. Stop words (function words, chat fillers) and
 * tokens without a letter (numbers, punctuation, emoji) are dropped from both. Thread-safe; build one per process and
 * share it (the intent classifier reuses it).
 */
public final class ChineseAnalyzer extends Analyzer {

    public static final String WORDS = "words";
    public static final String BIGRAMS = "bigrams";

    /** Longer text is cut: a concern is a chat message, and bounded input keeps a match fast. */
    public static final int MAX_CHARS = 2000;

    private static final Normalizer2 NFKC_CF = Normalizer2.getNFKCCasefoldInstance();
    private static final Transliterator TRADITIONAL_TO_SIMPLIFIED =
            Transliterator.getInstance("Traditional-Simplified");

    private final AnalysisOptions options;
    private final SynonymTable synonyms;
    private final CharArraySet stopWords;

    public ChineseAnalyzer(AnalysisOptions options, SynonymTable synonyms) {
        super(PER_FIELD_REUSE_STRATEGY);
        this.options = Objects.requireNonNull(options, "options");
        this.synonyms = options.synonyms() ? Objects.requireNonNull(synonyms, "synonyms") : SynonymTable.empty();
        this.stopWords = options.stopWords() ? defaultStopWords() : CharArraySet.EMPTY_SET;
    }

    /** Everything on, synonyms from {@code synonymFile} (Solr format; staff may edit it, a restart reloads it). */
    public static ChineseAnalyzer withSynonymFile(Path synonymFile) {
        return new ChineseAnalyzer(AnalysisOptions.all(), SynonymTable.load(synonymFile, ChineseAnalyzer::fold));
    }

    /** NFKC case folding and Traditional to Simplified, without synonyms. */
    public static String fold(String text) {
        String folded = NFKC_CF.normalize(text);
        char[] table = SimplifiedTable.TABLE;
        char[] out = null;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            char simplified =
                    c >= SimplifiedTable.FIRST && c <= SimplifiedTable.LAST ? table[c - SimplifiedTable.FIRST] : 0;
            if (simplified != 0) {
                if (out == null) {
                    out = folded.toCharArray();
                }
                out[i] = simplified;
            }
        }
        return out == null ? folded : new String(out);
    }

    /**
     * The ICU transform Traditional-Simplified, tabulated once per character of the CJK blocks: running the transform
     * itself on every text costs more than the whole rest of the analysis.
     */
    private static final class SimplifiedTable {
        static final char FIRST = '\u3400';
        static final char LAST = '\uFAFF';
        static final char[] TABLE = build();

        private static char[] build() {
            char[] table = new char[LAST - FIRST + 1];
            for (char c = FIRST; c <= LAST; c++) {
                if (Character.isIdeographic(c)) {
                    String s = TRADITIONAL_TO_SIMPLIFIED.transliterate(String.valueOf(c));
                    if (s.length() == 1 && s.charAt(0) != c) {
                        table[c - FIRST] = s.charAt(0);
                    }
                }
            }
            return table;
        }
    }

    /** The words and bigrams of one text, from a single pass of the segmenter. */
    public record Terms(List<String> words, List<String> bigrams) {}

    /**
     * The distinct terms of {@code text} in both fields at once: the same as {@link #terms} for {@link #WORDS} and
     * {@link #BIGRAMS}, at the cost of one segmentation instead of two.
     */
    public Terms analyse(String text) {
        Set<String> words = new LinkedHashSet<>();
        Set<String> bigrams = new LinkedHashSet<>();
        try (TokenStream stream = tokenStream(WORDS, text == null ? "" : text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int runEnd = -1;
            char last = 0;
            while (stream.incrementToken()) {
                String t = term.toString();
                if (options.words()) {
                    words.add(t);
                }
                if (!allHan(t)) {
                    runEnd = -1;
                    continue;
                }
                boolean adjacent = offset.startOffset() == runEnd;
                for (int i = 0; i < t.length(); i++) {
                    char c = t.charAt(i);
                    if ((i > 0 || adjacent) && options.bigrams()) {
                        bigrams.add(new String(new char[] {last, c}));
                    }
                    last = c;
                }
                runEnd = offset.endOffset();
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing in memory cannot fail", e);
        }
        return new Terms(new ArrayList<>(words), new ArrayList<>(bigrams));
    }

    private static boolean allHan(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.UnicodeScript.of(word.charAt(i)) != Character.UnicodeScript.HAN) {
                return false;
            }
        }
        return !word.isEmpty();
    }

    public AnalysisOptions options() {
        return options;
    }

    /** The text cut to {@link #MAX_CHARS} and, when normalisation is on, folded; synonyms not yet rewritten. */
    public String fold(String text, boolean cut) {
        String s = text == null ? "" : text;
        if (cut && s.length() > MAX_CHARS) {
            s = s.substring(0, MAX_CHARS);
        }
        return options.normalise() ? fold(s) : s;
    }

    /** The text as the tokenizers see it: cut to {@link #MAX_CHARS}, normalised, synonyms rewritten. */
    public String normalise(String text) {
        String s = text == null ? "" : text;
        if (s.length() > MAX_CHARS) {
            s = s.substring(0, MAX_CHARS);
        }
        if (options.normalise()) {
            s = fold(s);
        }
        return synonyms.apply(s);
    }

    /** The distinct terms of {@code text} in {@code field}, in order of first appearance. */
    public List<String> terms(String field, String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream stream = tokenStream(field, text == null ? "" : text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing in memory cannot fail", e);
        }
        return new ArrayList<>(out);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new StringReader(normalise(readAll(reader)));
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = options.words() ? new HMMChineseTokenizer() : new StandardTokenizer();
        TokenStream stream = new StopFilter(new ContentTokenFilter(tokenizer), stopWords);
        if (BIGRAMS.equals(fieldName)) {
            stream = new CJKBigramFilter(new HanCharSplitFilter(stream), CJKBigramFilter.HAN, false);
            stream = new HanOnlyFilter(stream);
        }
        return new TokenStreamComponents(tokenizer, stream);
    }

    private static String readAll(Reader reader) {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[512];
        try {
            int n;
            while ((n = reader.read(buffer)) > 0 && out.length() <= MAX_CHARS) {
                out.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static CharArraySet defaultStopWords() {
        CharArraySet set = new CharArraySet(512, false);
        try (InputStream in = ChineseAnalyzer.class.getResourceAsStream("stopwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("stopwords.txt missing from the classpath");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    set.add(fold(word));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CharArraySet.unmodifiableSet(set);
    }
}
