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
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

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
    private static final String SCOPE = "scope";
    private static final int MAX_QUERY_TERMS = 200;
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
    }

    /** Removes a topic (closed, rejected, merged, deleted); unknown ids are ignored. */
    public void remove(String topicId) {
        synchronized (writeLock) {
            if (forget(topicId)) {
                write(() -> writer.deleteDocuments(new Term(ID, topicId)));
                refresh();
            }
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
        return decide(ranked);
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
                MatchFeatures f = Similarity.features(query, topic, weights);
                out.add(new Candidate(topic.topic(), Similarity.combine(f), f.sharedTerms()));
            }
        }
        out.sort(Comparator.comparingDouble(Candidate::similarity)
                .reversed()
                .thenComparing(c -> c.topic().id()));
        return out;
    }

    /** The features of every in-scope candidate, for the evaluation's explain output. */
    public List<Map.Entry<Topic, MatchFeatures>> explain(Concern concern) {
        AnalyzedText query = analyse(concern.text(), concern.town(), concern.village());
        List<Map.Entry<Topic, MatchFeatures>> out = new ArrayList<>();
        for (String id : retrieve(concern, query)) {
            IndexedTopic topic = topics.get(id);
            if (topic != null) {
                out.add(Map.entry(topic.topic(), Similarity.features(query, topic, weights)));
            }
        }
        return out;
    }

    private List<String> retrieve(Concern concern, AnalyzedText query) {
        if (query.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder terms = new BooleanQuery.Builder();
        int clauses = 0;
        for (String word : query.words()) {
            if (clauses++ < MAX_QUERY_TERMS) {
                terms.add(new TermQuery(new Term(ChineseAnalyzer.WORDS, word)), Occur.SHOULD);
            }
        }
        for (String bigram : query.bigrams()) {
            if (clauses++ < 2 * MAX_QUERY_TERMS) {
                terms.add(new TermQuery(new Term(ChineseAnalyzer.BIGRAMS, bigram)), Occur.SHOULD);
            }
        }
        Query q = new BooleanQuery.Builder()
                .add(terms.build(), Occur.MUST)
                .add(scopeFilter(concern), Occur.FILTER)
                .build();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                ScoreDoc[] hits = searcher.search(q, settings.retrievalDepth()).scoreDocs;
                StoredFields stored = searcher.storedFields();
                List<String> ids = new ArrayList<>(hits.length);
                for (ScoreDoc hit : hits) {
                    ids.add(stored.document(hit.doc).get(ID));
                }
                return ids;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory topic index", e);
        }
    }

    /** A town-level topic serves its whole town; a village-level topic only its own village. */
    private static Query scopeFilter(Concern concern) {
        BooleanQuery.Builder scope = new BooleanQuery.Builder();
        scope.add(new TermQuery(new Term(SCOPE, townScope(concern.town()))), Occur.SHOULD);
        if (!concern.village().isBlank()) {
            scope.add(new TermQuery(new Term(SCOPE, villageScope(concern.town(), concern.village()))), Occur.SHOULD);
        }
        return scope.build();
    }

    private static String townScope(String town) {
        return "T|" + town.strip();
    }

    private static String villageScope(String town, String village) {
        return "V|" + town.strip() + "|" + village.strip();
    }

    // ---- analysis and bookkeeping ----

    private IndexedTopic analyse(Topic topic) {
        AnalyzedText title = analyse(topic.title(), topic.town(), topic.village());
        AnalyzedText body = analyse(topic.title() + "\n" + topic.text(), topic.town(), topic.village());
        return new IndexedTopic(topic, title, body);
    }

    AnalyzedText analyse(String text, String town, String village) {
        String stripped = PlaceNames.strip(analyzer.fold(text, true), town, village);
        AnalysisOptions options = analyzer.options();
        String[] words = options.words() ? intern(analyzer.terms(ChineseAnalyzer.WORDS, stripped)) : new String[0];
        String[] bigrams =
                options.bigrams() ? intern(analyzer.terms(ChineseAnalyzer.BIGRAMS, stripped)) : new String[0];
        return AnalyzedText.of(words, bigrams);
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
        doc.add(new StringField(ID, topic.id(), Field.Store.YES));
        String scope = topic.level() == Topic.Level.TOWN
                ? townScope(topic.town())
                : villageScope(topic.town(), topic.village());
        doc.add(new StringField(SCOPE, scope, Field.Store.NO));
        doc.add(new Field(
                ChineseAnalyzer.WORDS, new TermArrayTokenStream(indexed.all().words()), TERMS_TYPE));
        doc.add(new Field(
                ChineseAnalyzer.BIGRAMS, new TermArrayTokenStream(indexed.all().bigrams()), TERMS_TYPE));
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
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the topic index", e);
        }
    }
}
