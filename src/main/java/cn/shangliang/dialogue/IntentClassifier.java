package cn.shangliang.dialogue;

import cn.shangliang.dialogue.nlu.Example;
import cn.shangliang.dialogue.nlu.NluData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Multinomial logistic regression over {@link TextFeatures}, trained at start-up from the examples in {@code intents/}
 * (AdaGrad, L2, a fixed seed so that training is repeatable). Classifying one message is a few hundred
 * multiply-adds: microseconds.
 */
public final class IntentClassifier {

    private static final int EPOCHS = 40;
    private static final double RATE = 0.5;
    private static final double L2 = 1e-5;

    private final TextFeatures features;
    private final List<String> intents;
    private final Map<String, double[]> weights;

    private IntentClassifier(TextFeatures features, List<String> intents, Map<String, double[]> weights) {
        this.features = features;
        this.intents = intents;
        this.weights = weights;
    }

    /**
     * Trains on {@code data}.
     *
     * @param normalise text folding (Traditional → Simplified, full-width → half-width, lower case)
     * @param words the analyser's words of a text
     */
    public static IntentClassifier train(
            NluData data, Function<String, String> normalise, Function<String, List<String>> words) {
        if (data.examples().isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        TextFeatures features = new TextFeatures(normalise, words, data.regexes(), data.lookups());
        List<String> intents = data.intents();
        Map<String, Integer> classOf = new HashMap<>();
        for (int i = 0; i < intents.size(); i++) {
            classOf.put(intents.get(i), i);
        }
        List<Map<String, Double>> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (Example e : data.examples()) {
            xs.add(features.of(e.text()));
            ys.add(classOf.get(e.intent()));
        }
        Map<String, double[]> weights = new HashMap<>();
        Map<String, double[]> squares = new HashMap<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            order.add(i);
        }
        Random random = new Random(42);
        int k = intents.size();
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                Map<String, Double> x = xs.get(i);
                double[] p = probabilities(weights, x, k);
                p[ys.get(i)] -= 1.0; // gradient of the log loss w.r.t. the scores
                for (var f : x.entrySet()) {
                    double[] w = weights.computeIfAbsent(f.getKey(), key -> new double[k]);
                    double[] g2 = squares.computeIfAbsent(f.getKey(), key -> new double[k]);
                    for (int c = 0; c < k; c++) {
                        double g = p[c] * f.getValue() + L2 * w[c];
                        g2[c] += g * g;
                        w[c] -= RATE * g / (Math.sqrt(g2[c]) + 1e-8);
                    }
                }
            }
        }
        return new IntentClassifier(features, List.copyOf(intents), weights);
    }

    private static double[] probabilities(Map<String, double[]> weights, Map<String, Double> x, int k) {
        double[] scores = new double[k];
        for (var f : x.entrySet()) {
            double[] w = weights.get(f.getKey());
            if (w != null) {
                for (int c = 0; c < k; c++) {
                    scores[c] += w[c] * f.getValue();
                }
            }
        }
        double max = Arrays.stream(scores).max().orElse(0);
        double sum = 0;
        for (int c = 0; c < k; c++) {
            scores[c] = Math.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < k; c++) {
            scores[c] /= sum;
        }
        return scores;
    }

    /** Classifies one message. Never throws for any text, including empty text. */
    public IntentPrediction classify(String text) {
        double[] p = probabilities(weights, features.of(text == null ? "" : text), intents.size());
        List<IntentPrediction.Ranked> ranking = new ArrayList<>();
        for (int c = 0; c < p.length; c++) {
            ranking.add(new IntentPrediction.Ranked(intents.get(c), p[c]));
        }
        ranking.sort((a, b) -> Double.compare(b.confidence(), a.confidence()));
        return new IntentPrediction(ranking.get(0).intent(), ranking.get(0).confidence(), ranking);
    }

    public List<String> intents() {
        return intents;
    }
}
