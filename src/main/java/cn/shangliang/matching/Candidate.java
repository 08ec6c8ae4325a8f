package cn.shangliang.matching;

import cn.shangliang.consultation.Topic;
import java.util.List;
import java.util.Objects;

/**
 * An open topic that may cover a concern.
 *
 * @param similarity in [0, 1]; the same value means the same closeness whatever the place and the number of topics
 * @param sharedTerms the normalised words the concern and the topic share, most telling first (why they were matched)
 */
public record Candidate(Topic topic, double similarity, List<String> sharedTerms) {

    public Candidate {
        Objects.requireNonNull(topic, "topic");
        if (!(similarity >= 0 && similarity <= 1)) {
            throw new IllegalArgumentException("similarity must be in [0, 1], was " + similarity);
        }
        sharedTerms = List.copyOf(sharedTerms);
    }
}
