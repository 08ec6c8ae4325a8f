package cn.shangliang.consultation;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The tiered-consultation rule: long-term, economy-wide or cross-village matters (industry, jobs, town traffic,
 * schools, elder-care facilities) go to the town; concrete matters a village can settle (lights, refuse, a road,
 * parking, noise, neighbours) stay in the village. The category with the most keyword hits decides; no hit, or a tie
 * between a town and a village category, means village level with a flag for staff review. A resident who gave only
 * a town is routed to the town.
 */
public final class Router {

    private final List<Category> categories;
    private final UnaryOperator<String> normalise;

    /** @param normalise folding applied to texts and keywords alike (Traditional → Simplified, …) */
    public Router(List<Category> categories, UnaryOperator<String> normalise) {
        this.categories = List.copyOf(categories);
        this.normalise = normalise;
    }

    public Routing route(String text, Place place) {
        String folded = normalise.apply(text);
        Category best = null;
        int bestHits = 0;
        boolean tiedAcrossLevels = false;
        for (Category category : categories) {
            int hits = 0;
            for (String keyword : category.keywords()) {
                if (folded.contains(normalise.apply(keyword))) {
                    hits++;
                }
            }
            if (hits > bestHits) {
                best = category;
                bestHits = hits;
                tiedAcrossLevels = false;
            } else if (hits > 0 && hits == bestHits && category.level() != best.level()) {
                tiedAcrossLevels = true;
            }
        }
        if (place.isTownOnly()) {
            return new Routing(best == null ? "" : best.name(), Topic.Level.TOWN, best == null || tiedAcrossLevels);
        }
        if (best == null) {
            return new Routing("", Topic.Level.VILLAGE, true);
        }
        if (tiedAcrossLevels) {
            return new Routing(best.name(), Topic.Level.VILLAGE, true);
        }
        return new Routing(best.name(), best.level(), false);
    }
}
