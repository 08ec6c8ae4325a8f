package cn.shangliang.consultation;

/**
 * Where a new concern is consulted (分级协商).
 *
 * @param category the most likely category of the level decided on (the best guess even when unsure)
 * @param level the level the issue is filed at
 * @param confidence how sure the classifier is of the matter's level (0.5–1 with two levels)
 * @param needsReview the rule was unsure, or the matter belongs to a village the resident did not name: staff should
 *     confirm the level
 * @param needsVillage the resident gave only a town and the matter is clearly one for a village: ask which village
 *     before filing (filed without one, it stays at the town, flagged for review)
 */
public record Routing(
        String category, Topic.Level level, double confidence, boolean needsReview, boolean needsVillage) {}
