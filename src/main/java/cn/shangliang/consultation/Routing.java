package cn.shangliang.consultation;

/**
 * Where a new concern is consulted (分级协商).
 *
 * @param category the matching category, or empty when none matched
 * @param needsReview the rule was unsure: staff should confirm the level
 */
public record Routing(String category, Topic.Level level, boolean needsReview) {}
