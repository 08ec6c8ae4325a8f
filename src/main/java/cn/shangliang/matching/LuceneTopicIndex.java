package cn.shangliang.matching;

import cn.shangliang.consultation.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * The open topics of every place in a Lucene index, and the match decision on top of it.
 *
 * <p>A match has two stages. Lucene (BM25 over words and bigrams, filtered to the topics in the concern's scope) picks
 * up to {@link MatchingSettings#retrievalDepth()} candidates; {@link Similarity} then scores each in [0, 1] and the
 * thresholds of {@link MatchingSettings} decide. Writes ({@link #upsert}, {@link #remove}, {@link #replaceAll}) are
 * serialised and visible to the next match; matches run concurrently with writes and with each other.
 */
public final class LuceneTopicIndex implements TopicMatcher, AutoCloseable {

    private static final String ID = "id";
    private static final int MAX_QUERY_TERMS = 120;
    private static final FieldType TERMS_TYPE = termsType();

    private final ChineseAnalyzer analyzer;
    private final MatchingSettings settings;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, IndexedTopic> topics = new ConcurrentHashMap<>();
    private final Map<String, String> vocabulary = new ConcurrentHashMap<>();
    private final TermWeights weights = new TermWeights();
    private final Object writeLock = new Object();
    private volatile boolean ready;
    private volatile SemanticReranker reranker;

    public LuceneTopicIndex(ChineseAnalyzer analyzer, MatchingSettings settings, Directory directory) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.directory = Objects.requireNonNull(directory, "directory");
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer);
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            config.setRAMBufferSizeMB(64);
            this.writer = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the topic index", e);
        }
    }

    /** An index held in the heap, as each process keeps one. */
    public static LuceneTopicIndex inMemory(ChineseAnalyzer analyzer, MatchingSettings settings) {
        return new LuceneTopicIndex(analyzer, settings, new ByteBuffersDirectory());
    }

    // ---- writes ----

    /** Adds or replaces a topic; a topic that is no longer open is removed instead. */
    public void upsert(Topic topic) {
        if (!topic.status().isOpen()) {
            remove(topic.id());
            return;
        }
        IndexedTopic indexed = analyse(topic);
        synchronized (writeLock) {
            forget(topic.id());
            write(() -> writer.updateDocument(new Term(ID, topic.id()), document(indexed)));
            remember(indexed);
            refresh();
        }
        SemanticReranker second = reranker;
        if (second != null) {
            second.prepareLater(List.of(topic));
        }
    }

    /** Removes a topic (closed, rejected, merged, deleted); unknown ids are ignored. */
    public void remove(String topicId) {
        synchronized (writeLock) {
            if (forget(topicId)) {
                write(() -> writer.deleteDocuments(new Term(ID, topicId)));
                refresh();
            }
        }
        SemanticReranker second = reranker;
        if (second != null) {
            second.forget(topicId);
        }
    }

    /** Replaces the whole content with the open ones of {@code all} (the start-up build and any rebuild). */
    public void replaceAll(Collection<Topic> all) {
        List<IndexedTopic> analysed = all.parallelStream()
                .filter(t -> t.status().isOpen())
                .map(this::analyse)
                .toList();
        synchronized (writeLock) {
            write(writer::deleteAll);
            topics.clear();
            for (IndexedTopic indexed : analysed) {
                if (topics.containsKey(indexed.topic().id())) {
                    forget(indexed.topic().id());
                    write(() ->
                            writer.deleteDocuments(new Term(ID, indexed.topic().id())));
                }
                write(() -> writer.addDocument(document(indexed)));
                remember(indexed);
            }
            refresh();
        }
        SemanticReranker second = reranker;
        if (second != null) {
            second.retain(new java.util.HashSet<>(topics.keySet()));
            second.prepareLater(analysed.stream().map(IndexedTopic::topic).toList());
        }
    }

    /** Declares the initial load done: from now on {@link #isReady()} is true. */
    public void markReady() {
        ready = true;
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    /** How many open topics the index holds. */
    /** Topics whose vector for matching by meaning is still being prepared in the background (0 without meaning). */
    public int vectorsPreparing() {
        SemanticReranker second = reranker;
        return second == null ? 0 : second.preparing();
    }

    /**
     * Prepares every topic's vector for matching by meaning now, on the calling thread, instead of in the background
     * (an evaluation must not depend on how far the background got); nothing without meaning.
     */
    public void prepareVectorsNow() {
        SemanticReranker second = reranker;
        if (second != null) {
            second.prepareNow(topics.values().stream().map(IndexedTopic::topic).toList());
        }
    }

    public int size() {
        return topics.size();
    }

    // ---- matching ----

    @Override
    public MatchResult match(Concern concern) {
        AnalyzedText query = analyse(concern.text(), concern.town(), concern.village());
        if (query.isEmpty()) {
            return new MatchResult.NoContent();
        }
        List<Candidate> ranked = rank(concern, query);
        SemanticReranker second = reranker;
        if (second != null) {
            ranked = second.rerank(
                    concern.text(),
                    ranked.subList(0, Math.min(settings.retrievalDepth(), ranked.size())),
                    scopes(concern),
                    id -> {
                        IndexedTopic topic = topics.get(id);
                        return topic == null ? null : byWords(query, topic);
                    });
        }
        return decide(ranked);
    }

    /**
     * Re-scores the lexical candidates by meaning from now on; the settings' thresholds must then be those chosen for
     * the combined similarity ({@link MatchingSettings#SEMANTIC}).
     */
    public LuceneTopicIndex withSemantic(SemanticReranker reranker) {
        this.reranker = reranker;
        reranker.placedBy(LuceneTopicIndex::scopeOf);
        reranker.prepareLater(topics.values().stream().map(IndexedTopic::topic).toList());
        return this;
    }

    private MatchResult decide(List<Candidate> ranked) {
        List<Candidate> shown = ranked.subList(0, Math.min(settings.maxCandidates(), ranked.size()));
        if (ranked.isEmpty() || ranked.get(0).similarity() < settings.askThreshold()) {
            return new MatchResult.NoMatch(shown);
        }
        Candidate best = ranked.get(0);
        double second = ranked.size() > 1 ? ranked.get(1).similarity() : 0;
        if (best.similarity() >= settings.matchThreshold() && best.similarity() - second >= settings.minMargin()) {
            return new MatchResult.Confident(best, shown);
        }
        return new MatchResult.Ambiguous(shown);
    }

    /** Every in-scope candidate the first stage finds, scored, best first. */
    List<Candidate> rank(Concern concern, AnalyzedText query) {
        List<Candidate> out = new ArrayList<>();
        for (String id : retrieve(concern, query)) {
            IndexedTopic topic = topics.get(id);
            if (topic != null) {
                out.add(byWords(query, topic));
            }
        }
        out.sort(Comparator.comparingDouble(Candidate::similarity)
                .reversed()
                .thenComparing(c -> c.topic().id()));
        return out;
    }

    private static Candidate byWords(AnalyzedText query, IndexedTopic topic) {
        MatchFeatures f = Similarity.features(query, topic);
        return new Candidate(topic.topic(), Similarity.combine(f), f.sharedTerms());
    }

    /** The scopes a concern of this place may join topics of: its town's town-level and its village's. */
    private static List<String> scopes(Concern concern) {
        return concern.village().isBlank()
                ? List.of(townScope(concern.town()))
                : List.of(townScope(concern.town()), villageScope(concern.town(), concern.village()));
    }

    private static String scopeOf(Topic topic) {
        return topic.level() == Topic.Level.TOWN
                ? townScope(topic.town())
                : villageScope(topic.town(), topic.village());
    }

    /** The features of every in-scope candidate, for the evaluation's explain output. */
    public List<Map.Entry<Topic, MatchFeatures>> explain(Concern concern) {
        AnalyzedText query = analyse(concern.text(), concern.town(), concern.village());
        List<Map.Entry<Topic, MatchFeatures>> out = new ArrayList<>();
        for (String id : retrieve(concern, query)) {
            IndexedTopic topic = topics.get(id);
            if (topic != null) {
                out.add(Map.entry(topic.topic(), Similarity.features(query, topic)));
            }
        }
        return out;
    }

    /**
     * The first stage: BM25 over the concern's terms within its scope. Terms are indexed with their topic's scope as a
     * prefix ({@link #scoped}), so each posting list holds only the topics of one place and a search touches no topic
     * of another place: the scope rule is enforced by the index itself, and a match costs the same in a city of 100,000
     * topics as in one village.
     */
    private List<String> retrieve(Concern concern, AnalyzedText query) {
        if (query.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder terms = new BooleanQuery.Builder();
        for (String scope : scopes(concern)) {
            addTerms(terms, ChineseAnalyzer.WORDS, scope, query.words());
            addTerms(terms, ChineseAnalyzer.BIGRAMS, scope, query.bigrams());
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                ScoreDoc[] hits = searcher.search(terms.build(), settings.retrievalDepth()).scoreDocs;
                return ids(searcher, hits);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory topic index", e);
        }
    }

    private static void addTerms(BooleanQuery.Builder query, String field, String scope, String[] terms) {
        for (int i = 0; i < terms.length && i < MAX_QUERY_TERMS; i++) {
            query.add(new TermQuery(new Term(field, scoped(scope, terms[i]))), Occur.SHOULD);
        }
    }

    /** A term as indexed: prefixed with the scope of its topic. */
    static String scoped(String scope, String term) {
        return scope + '\u001f' + term;
    }

    /** The topic ids of the hits, read from doc values (stored fields would decompress a block per hit). */
    private static List<String> ids(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<String> ids = new ArrayList<>(hits.length);
        for (ScoreDoc hit : hits) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            SortedDocValues values = DocValues.getSorted(leaf.reader(), ID);
            if (values.advanceExact(hit.doc - leaf.docBase)) {
                ids.add(values.lookupOrd(values.ordValue()).utf8ToString());
            }
        }
        return ids;
    }

    /** A town-level topic serves its whole town; a village-level topic only its own village. */
    private static String townScope(String town) {
        return "T|" + town.strip();
    }

    private static String villageScope(String town, String village) {
        return "V|" + town.strip() + "|" + village.strip();
    }

    // ---- analysis and bookkeeping ----

    private IndexedTopic analyse(Topic topic) {
        AnalyzedText title = analyseTopicText(topic.title(), topic.town(), topic.village());
        AnalyzedText body = analyseTopicText(topic.title() + "\n" + topic.text(), topic.town(), topic.village());
        return new IndexedTopic(topic, title, body);
    }

    /** A concern's text; its terms are not interned, so residents' odd words do not pile up in the vocabulary. */
    AnalyzedText analyse(String text, String town, String village) {
        String stripped = PlaceNames.strip(analyzer.fold(text, true), town, village);
        ChineseAnalyzer.Terms terms = analyzer.analyse(stripped);
        return AnalyzedText.of(
                terms.words().toArray(String[]::new), terms.bigrams().toArray(String[]::new), weights);
    }

    /** A topic's text, its terms shared with every other topic's through the vocabulary. */
    private AnalyzedText analyseTopicText(String text, String town, String village) {
        String stripped = PlaceNames.strip(analyzer.fold(text, true), town, village);
        ChineseAnalyzer.Terms terms = analyzer.analyse(stripped);
        return AnalyzedText.of(intern(terms.words()), intern(terms.bigrams()), weights);
    }

    private String[] intern(List<String> terms) {
        String[] out = new String[terms.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = vocabulary.computeIfAbsent(terms.get(i), t -> t);
        }
        return out;
    }

    private static Document document(IndexedTopic indexed) {
        Topic topic = indexed.topic();
        Document doc = new Document();
        doc.add(new StringField(ID, topic.id(), Field.Store.NO));
        doc.add(new SortedDocValuesField(ID, new BytesRef(topic.id())));
        String scope = scopeOf(topic);
        doc.add(new Field(
                ChineseAnalyzer.WORDS,
                new TermArrayTokenStream(scope, indexed.all().words()),
                TERMS_TYPE));
        doc.add(new Field(
                ChineseAnalyzer.BIGRAMS,
                new TermArrayTokenStream(scope, indexed.all().bigrams()),
                TERMS_TYPE));
        return doc;
    }

    private void remember(IndexedTopic indexed) {
        topics.put(indexed.topic().id(), indexed);
    }

    private boolean forget(String topicId) {
        IndexedTopic old = topics.remove(topicId);
        if (old != null) {
            return true;
        }
        return false;
    }

    private void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("refreshing the topic index", e);
        }
    }

    private interface IndexWrite {
        void run() throws IOException;
    }

    private static void write(IndexWrite op) {
        try {
            op.run();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the in-memory topic index", e);
        }
    }

    private static FieldType termsType() {
        FieldType type = new FieldType();
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        type.setTokenized(true);
        type.setOmitNorms(false);
        type.freeze();
        return type;
    }

    @Override
    public void close() {
        SemanticReranker second = reranker;
        if (second != null) {
            second.close();
        }
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the topic index", e);
        }
    }
}
