package cn.shangliang.dialogue;

import java.util.List;

/**
 * The classifier's view of one message: intents best first with probabilities that sum to 1.
 *
 * @param intent the best intent
 * @param confidence its probability in [0, 1]
 */
public record IntentPrediction(String intent, double confidence, List<Ranked> ranking) {

    public record Ranked(String intent, double confidence) {}

    public IntentPrediction {
        ranking = List.copyOf(ranking);
    }
}
