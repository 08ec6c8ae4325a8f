package cn.shangliang.consultation;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The tiered-consultation rule (分级协商): "镇一级更多关注实体经济等事关长远发展的问题，而一些能在村居一级解决的具体问题，
 * 就直接在村居进行协商". Long-term, economy-wide or cross-village matters (industry, enterprises, jobs, town traffic,
 * schools, elder-care facilities) go to the town; concrete matters a village can settle (lights, refuse, a road,
 * parking, noise, neighbours) stay in the village.
 *
 * <p>A {@link CategoryModel} learnt from each category's examples and keywords gives the probability of every category;
 * a level's probability is the sum over its categories. The more likely level decides when its probability reaches
 * {@link Thresholds#reviewBelow()}; below it the issue is filed at village level and flagged for review. A resident who
 * gave only a town is routed to the town; when the matter is a village one with at least {@link
 * Thresholds#askVillageAt()} the routing says so ({@link Routing#needsVillage()}) so that the dialogue asks for the
 * village; a village-leaning matter filed at the town without one is flagged for review.
 */
public final class Router {

    /**
     * @param reviewBelow below this probability of the more likely level the routing is unsure: village level, flagged
     * @param askVillageAt a town-only resident's matter at least this likely a village one makes the bot ask the village
     */
    public record Thresholds(double reviewBelow, double askVillageAt) {
        /** The values measured in docs/PERFORMANCE.md. */
        public static final Thresholds DEFAULT = new Thresholds(0.6, 0.7);

        public Thresholds {
            if (!(reviewBelow >= 0.5 && reviewBelow <= 1) || !(askVillageAt >= 0.5 && askVillageAt <= 1)) {
                throw new IllegalArgumentException("routing thresholds must be between 0.5 and 1 (were " + reviewBelow
                        + ", " + askVillageAt + ")");
            }
        }
    }

    private final CategoryModel model;
    private final Thresholds thresholds;

    /**
     * @param examples category name → example concerns (Rasa NLU data under intents/routing)
     * @param normalise folding applied to texts, examples and keywords alike (Traditional → Simplified, …)
     */
    public Router(
            List<Category> categories,
            Map<String, List<String>> examples,
            UnaryOperator<String> normalise,
            Thresholds thresholds) {
        this.model = CategoryModel.train(categories, examples, normalise);
        this.thresholds = thresholds;
    }

    /** Keywords only (no examples), default thresholds. */
    public Router(List<Category> categories, UnaryOperator<String> normalise) {
        this(categories, Map.of(), normalise, Thresholds.DEFAULT);
    }

    public Routing route(String text, Place place) {
        double[] p = model.probabilities(text);
        List<Category> categories = model.categories();
        double town = 0;
        for (int c = 0; c < p.length; c++) {
            if (categories.get(c).level() == Topic.Level.TOWN) {
                town += p[c];
            }
        }
        Topic.Level matter = town >= 0.5 ? Topic.Level.TOWN : Topic.Level.VILLAGE;
        double confidence = p.length == 0 ? 0.5 : Math.max(town, 1 - town);
        String category = best(categories, p, matter);
        boolean sure = confidence >= thresholds.reviewBelow();
        if (place.isTownOnly()) {
            boolean villageMatter = matter == Topic.Level.VILLAGE && confidence >= thresholds.askVillageAt();
            // filed at the town, a village-leaning matter (asked or not) or an unsure one is for staff to confirm
            return new Routing(
                    category, Topic.Level.TOWN, confidence, matter == Topic.Level.VILLAGE || !sure, villageMatter);
        }
        return sure
                ? new Routing(category, matter, confidence, false, false)
                : new Routing(category, Topic.Level.VILLAGE, confidence, true, false);
    }

    private static String best(List<Category> categories, double[] p, Topic.Level level) {
        int best = -1;
        for (int c = 0; c < p.length; c++) {
            if (categories.get(c).level() == level && (best < 0 || p[c] > p[best])) {
                best = c;
            }
        }
        return best < 0 ? "" : categories.get(best).name();
    }
}
