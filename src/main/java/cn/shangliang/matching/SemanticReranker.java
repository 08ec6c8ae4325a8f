package cn.shangliang.matching;

import cn.shangliang.consultation.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The second stage of matching: re-scores the lexical candidates with the meaning of the texts, so that a concern
 * worded differently from its topic ("渣土车穿来穿去" for "重型货车穿行镇区") is still recognised. The similarity becomes
 * {@code w · meaning + (1 − w) · lexical}, where {@code meaning} maps the model's cosine from [{@link #COSINE_FLOOR},
 * {@link #COSINE_CEILING}] onto [0, 1] (below the floor texts of one place about different matters lie; above the
 * ceiling the same matter in other words). Both ends were read off the development set with bge-small-zh-v1.5 and
 * belong to that model.
 *
 * <p>Besides the lexical candidates, the {@link #DENSE_CANDIDATES} topics of the concern's place that are closest in
 * meaning are scored too, so that a concern sharing no word with its topic ("买个菜要走四十分钟" for a topic on a
 * village without a shop) is still among the candidates shown to the resident. They are found among every topic of
 * the place whose vector is ready, by a scan over 8-bit copies of the vectors kept in this process, one block per
 * place ({@link PlaceVectors}).
 */
public final class SemanticReranker implements AutoCloseable {

    static final double COSINE_FLOOR = 0.45;
    static final double COSINE_CEILING = 0.80;
    /** Topics of the place added as candidates by meaning alone, besides the lexical ones. */
    static final int DENSE_CANDIDATES = 3;

    private final SentenceEncoder encoder;
    private final TopicVectors vectors;
    private final double weight;
    /** Topics whose vectors are computed ahead of their first match, by one background thread. */
    private final java.util.concurrent.BlockingQueue<Topic> ahead =
            new java.util.concurrent.LinkedBlockingQueue<>(200_000);

    private final Thread preparer;
    /** Every known topic's vector in 8 bits, by place, for the scan over a place's topics. */
    private final PlaceVectors places = new PlaceVectors();
    /** The place of a topic, as the index names it; without one there are no candidates by meaning. */
    private volatile Function<Topic, String> placeOf;

    public SemanticReranker(SentenceEncoder encoder, TopicVectors vectors, double weight) {
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("matching.semantic_weight must be in (0, 1], was " + weight);
        }
        this.encoder = encoder;
        this.vectors = vectors;
        this.weight = weight;
        this.preparer = Thread.ofPlatform()
                .name("topic-vectors")
                .daemon()
                .priority(Thread.MIN_PRIORITY)
                .start(this::prepareLoop);
    }

    /**
     * Computes the vectors of these topics in the background (new topics, the start-up load), so that the first
     * concern they are a candidate for need not wait; topics beyond the queue's room are computed on first use.
     */
    void prepareLater(Collection<Topic> topics) {
        for (Topic t : topics) {
            if (!ahead.offer(t)) {
                return;
            }
        }
    }

    private void prepareLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                vectorOf(ahead.take());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Redis away or the model failed on one text: the vector is computed on first use instead
                org.slf4j.LoggerFactory.getLogger(SemanticReranker.class)
                        .debug("topic vector not prepared: {}", e.toString());
            }
        }
    }

    /** Computes (or loads) the vectors of these topics now, on the calling thread: an evaluation's fixed start. */
    void prepareNow(Collection<Topic> topics) {
        topics.forEach(this::vectorOf);
    }

    /** Topics still waiting for their vector to be prepared. */
    int preparing() {
        return ahead.size();
    }

    @Override
    public void close() {
        preparer.interrupt();
    }

    /** The lexical candidates re-scored and re-ordered, best first. */
    List<Candidate> rerank(String concernText, List<Candidate> lexical) {
        return rerank(concernText, lexical, List.of(), id -> null);
    }

    /**
     * The lexical candidates and the {@link #DENSE_CANDIDATES} topics of {@code places} closest in meaning (scored by
     * words with {@code byWords}, which answers null for a topic no longer indexed), re-scored and re-ordered, best
     * first.
     */
    List<Candidate> rerank(
            String concernText, List<Candidate> lexical, List<String> places, Function<String, Candidate> byWords) {
        if (lexical.isEmpty() && !this.places.anyIn(places)) {
            return lexical; // nothing to score: the concern need not be encoded
        }
        float[] query = encoder.encode(ChineseAnalyzer.fold(concernText));
        List<Candidate> all = new ArrayList<>(lexical);
        if (!places.isEmpty()) {
            Set<String> seen = new HashSet<>();
            lexical.forEach(c -> seen.add(c.topic().id()));
            for (String id : this.places.closest(query, places, seen, DENSE_CANDIDATES, COSINE_FLOOR)) {
                Candidate c = byWords.apply(id);
                if (c != null) {
                    all.add(c);
                }
            }
        }
        List<Candidate> out = new ArrayList<>(all.size());
        for (Candidate c : all) {
            double meaning = meaning(SentenceEncoder.cosine(query, vectorOf(c.topic())));
            double s = Math.clamp(weight * meaning + (1 - weight) * c.similarity(), 0, 1);
            out.add(new Candidate(c.topic(), s, c.sharedTerms()));
        }
        out.sort(Comparator.comparingDouble(Candidate::similarity)
                .reversed()
                .thenComparing(c -> c.topic().id()));
        return out;
    }

    /** Names each topic's place from now on (the index's scopes), which turns on the candidates by meaning. */
    void placedBy(Function<Topic, String> placeOf) {
        this.placeOf = placeOf;
    }

    /** Drops the in-process copy of a topic's vector (the topic left the index). */
    void forget(String topicId) {
        places.remove(topicId);
    }

    /** Keeps the in-process copies of only these topics' vectors (after a rebuild). */
    void retain(Set<String> topicIds) {
        places.retain(topicIds);
    }

    private static int textHash(Topic t) {
        return 31 * t.title().hashCode() + t.text().hashCode();
    }

    static double meaning(double cosine) {
        return Math.clamp((cosine - COSINE_FLOOR) / (COSINE_CEILING - COSINE_FLOOR), 0, 1);
    }

    private float[] vectorOf(Topic topic) {
        String text = topic.title() + "。" + topic.text();
        String key = topic.id() + ":" + Integer.toHexString(text.hashCode());
        float[] vector = vectors.get(key).orElseGet(() -> {
            float[] v = encoder.encode(ChineseAnalyzer.fold(text));
            vectors.put(key, v);
            return v;
        });
        Function<Topic, String> place = placeOf;
        if (place != null) {
            String where = place.apply(topic);
            int version = textHash(topic);
            if (!places.has(topic.id(), where, version)) {
                places.put(topic.id(), where, version, vector);
            }
        }
        return vector;
    }
}
