package cn.shangliang.consultation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * What kind of matter a concern is, learnt from examples: multinomial logistic regression over the character 1-, 2-
 * and 3-grams of the folded text plus one feature per category whose keywords occur in it (and one per level). The
 * training set is every category's examples and every keyword on its own, so a category with keywords but no examples
 * still works, and a keyword a resident uses weighs as much as the examples taught it to. Training is repeatable (fixed
 * seed, AdaGrad, L2) and takes milliseconds for a few hundred examples; scoring one text is microseconds.
 */
public final class CategoryModel {

    private static final int EPOCHS = 30;
    private static final double RATE = 0.4;
    private static final double L2 = 1e-5;

    private final List<Category> categories;
    private final UnaryOperator<String> normalise;
    private final List<List<String>> foldedKeywords;
    private final Map<String, double[]> weights;

    private CategoryModel(
            List<Category> categories,
            UnaryOperator<String> normalise,
            List<List<String>> foldedKeywords,
            Map<String, double[]> weights) {
        this.categories = categories;
        this.normalise = normalise;
        this.foldedKeywords = foldedKeywords;
        this.weights = weights;
    }

    /**
     * Trains on the categories' keywords and {@code examples} (category name → example texts).
     *
     * @throws IllegalArgumentException when an example names an unknown category
     */
    public static CategoryModel train(
            List<Category> categories, Map<String, List<String>> examples, UnaryOperator<String> normalise) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            index.put(categories.get(i).name(), i);
        }
        for (String name : examples.keySet()) {
            if (!index.containsKey(name)) {
                throw new IllegalArgumentException("examples for unknown routing category '" + name + "'");
            }
        }
        List<List<String>> keywords = categories.stream()
                .map(c -> c.keywords().stream().map(normalise).toList())
                .toList();
        CategoryModel model = new CategoryModel(List.copyOf(categories), normalise, keywords, new HashMap<>());
        List<Map<String, Double>> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            for (String keyword : categories.get(c).keywords()) {
                xs.add(model.features(keyword));
                ys.add(c);
            }
            for (String example : examples.getOrDefault(categories.get(c).name(), List.of())) {
                xs.add(model.features(example));
                ys.add(c);
            }
        }
        model.fit(xs, ys);
        return model;
    }

    private void fit(List<Map<String, Double>> xs, List<Integer> ys) {
        int k = categories.size();
        Map<String, double[]> squares = new HashMap<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            order.add(i);
        }
        Random random = new Random(7);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                Map<String, Double> x = xs.get(i);
                double[] p = probabilities(x);
                p[ys.get(i)] -= 1.0; // gradient of the log loss with respect to the scores
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
    }

    /**
     * The probability of each category (in the order of {@link #categories()}) for {@code text}; empty without
     * categories. Never throws.
     */
    public double[] probabilities(String text) {
        return probabilities(features(text == null ? "" : text));
    }

    public List<Category> categories() {
        return categories;
    }

    private double[] probabilities(Map<String, Double> x) {
        int k = categories.size();
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

    /** Character n-grams (1/sqrt(n) per order, so long texts do not drown short ones) and keyword hits. */
    Map<String, Double> features(String raw) {
        String text = normalise.apply(raw);
        StringBuilder kept = new StringBuilder();
        text.codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(cp -> kept.appendCodePoint(Character.isDigit(cp) ? '#' : cp));
        int[] cps = kept.codePoints().toArray();
        Map<String, Double> features = new HashMap<>();
        for (int n = 1; n <= 3; n++) {
            int count = cps.length - n + 1;
            if (count <= 0) {
                continue;
            }
            double w = (n == 1 ? 0.5 : 1.0) / Math.sqrt(count);
            for (int i = 0; i < count; i++) {
                features.merge(n + ":" + new String(cps, i, n), w, Double::sum);
            }
        }
        for (int c = 0; c < categories.size(); c++) {
            int hits = 0;
            for (String keyword : foldedKeywords.get(c)) {
                if (text.contains(keyword)) {
                    hits++;
                }
            }
            if (hits > 0) {
                features.merge("kw:" + categories.get(c).name(), Math.min(hits, 2) * 1.0, Double::sum);
                features.merge("kwl:" + categories.get(c).level(), 1.0, Math::max);
            }
        }
        features.put("bias", 1.0);
        return features;
    }
}
