package cn.shangliang.matching;

import cn.shangliang.consultation.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The second stage of matching: re-scores the lexical candidates with the meaning of the texts, so that a concern
 * worded differently from its topic ("渣土车穿来穿去" for "重型货车穿行镇区") is still recognised. The similarity becomes
 * {@code w · meaning + (1 − w) · lexical}, where {@code meaning} maps the model's cosine from [{@link #COSINE_FLOOR},
 * {@link #COSINE_CEILING}] onto [0, 1] (below the floor texts of one place about different matters lie; above the
 * ceiling the same matter in other words). Both ends were read off the development set with bge-small-zh-v1.5 and
 * belong to that model.
 */
public final class SemanticReranker implements AutoCloseable {

    static final double COSINE_FLOOR = 0.45;
    static final double COSINE_CEILING = 0.80;

    private final SentenceEncoder encoder;
    private final TopicVectors vectors;
    private final double weight;
    /** Topics whose vectors are computed ahead of their first match, by one background thread. */
    private final java.util.concurrent.BlockingQueue<Topic> ahead =
            new java.util.concurrent.LinkedBlockingQueue<>(200_000);

    private final Thread preparer;

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

    /** Topics still waiting for their vector to be prepared. */
    int preparing() {
        return ahead.size();
    }

    @Override
    public void close() {
        preparer.interrupt();
    }

    /** The candidates re-scored and re-ordered, best first. */
    List<Candidate> rerank(String concernText, List<Candidate> lexical) {
        if (lexical.isEmpty()) {
            return lexical;
        }
        float[] query = encoder.encode(ChineseAnalyzer.fold(concernText));
        List<Candidate> out = new ArrayList<>(lexical.size());
        for (Candidate c : lexical) {
            double meaning = meaning(SentenceEncoder.cosine(query, vectorOf(c.topic())));
            double s = Math.clamp(weight * meaning + (1 - weight) * c.similarity(), 0, 1);
            out.add(new Candidate(c.topic(), s, c.sharedTerms()));
        }
        out.sort(Comparator.comparingDouble(Candidate::similarity)
                .reversed()
                .thenComparing(c -> c.topic().id()));
        return out;
    }

    static double meaning(double cosine) {
        return Math.clamp((cosine - COSINE_FLOOR) / (COSINE_CEILING - COSINE_FLOOR), 0, 1);
    }

    private float[] vectorOf(Topic topic) {
        String text = topic.title() + "。" + topic.text();
        String key = topic.id() + ":" + Integer.toHexString(text.hashCode());
        return vectors.get(key).orElseGet(() -> {
            float[] v = encoder.encode(ChineseAnalyzer.fold(text));
            vectors.put(key, v);
            return v;
        });
    }
}
