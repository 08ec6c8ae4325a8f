package cn.shangliang.matching;

/** Finds the open topic of the resident's place that a concern duplicates, if any. */
public interface TopicMatcher {

    /** Never throws on odd text: empty, emoji, query syntax and very long text are all ordinary input. */
    MatchResult match(Concern concern);

    /** Whether the initial load of the open topics has finished; until then every concern would look new. */
    boolean isReady();
}
