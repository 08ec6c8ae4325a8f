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
 * seed, AdaGrad, L2) and takes a few hundred milliseconds for a few hundred examples; scoring one text is microseconds.
 */
public final class CategoryModel {

    private static final int EPOCHS = 30;
    private static final double RATE = 0.4;
    private static final double L2 = 1e-5;

    private final List<Category> categories;
    private final UnaryOperator<String> normalise;
    private final List<List<String>> foldedKeywords;
    /** Feature name → its row in {@link #weights} (row × number of categories). */
    private final Map<String, Integer> vocabulary = new HashMap<>();

    private double[] weights = new double[0];

    private CategoryModel(List<Category> categories, UnaryOperator<String> normalise, List<List<String>> keywords) {
        this.categories = categories;
        this.normalise = normalise;
        this.foldedKeywords = keywords;
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
        CategoryModel model = new CategoryModel(List.copyOf(categories), normalise, keywords);
        List<Sparse> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            List<String> texts = new ArrayList<>(categories.get(c).keywords());
            texts.addAll(examples.getOrDefault(categories.get(c).name(), List.of()));
            for (String text : texts) {
                xs.add(model.indexed(model.features(text)));
                ys.add(c);
            }
        }
        model.fit(xs, ys);
        return model;
    }

    /** A feature vector as rows of the weight table and their values. */
    private record Sparse(int[] rows, double[] values) {}

    private Sparse indexed(Map<String, Double> features) {
        int[] rows = new int[features.size()];
        double[] values = new double[features.size()];
        int i = 0;
        for (var f : features.entrySet()) {
            rows[i] = vocabulary.computeIfAbsent(f.getKey(), key -> vocabulary.size());
            values[i++] = f.getValue();
        }
        return new Sparse(rows, values);
    }

    private void fit(List<Sparse> xs, List<Integer> ys) {
        int k = categories.size();
        weights = new double[vocabulary.size() * k];
        double[] squares = new double[weights.length];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            order.add(i);
        }
        Random random = new Random(7);
        double[] p = new double[k];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                Sparse x = xs.get(i);
                scores(x.rows(), x.values(), p);
                p[ys.get(i)] -= 1.0; // gradient of the log loss with respect to the scores
                for (int f = 0; f < x.rows().length; f++) {
                    int base = x.rows()[f] * k;
                    double v = x.values()[f];
                    for (int c = 0; c < k; c++) {
                        double g = p[c] * v + L2 * weights[base + c];
                        squares[base + c] += g * g;
                        weights[base + c] -= RATE * g / (Math.sqrt(squares[base + c]) + 1e-8);
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
        Map<String, Double> features = features(text == null ? "" : text);
        int[] rows = new int[features.size()];
        double[] values = new double[features.size()];
        int n = 0;
        for (var f : features.entrySet()) {
            Integer row = vocabulary.get(f.getKey());
            if (row != null) {
                rows[n] = row;
                values[n++] = f.getValue();
            }
        }
        double[] p = new double[categories.size()];
        scores(Arrays.copyOf(rows, n), Arrays.copyOf(values, n), p);
        return p;
    }

    public List<Category> categories() {
        return categories;
    }

    /** Writes the softmax of the linear scores of a feature vector into {@code p}. */
    private void scores(int[] rows, double[] values, double[] p) {
        int k = p.length;
        Arrays.fill(p, 0);
        for (int f = 0; f < rows.length; f++) {
            int base = rows[f] * k;
            for (int c = 0; c < k; c++) {
                p[c] += weights[base + c] * values[f];
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : p) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= sum;
        }
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
