package cn.shangliang.matching;

import java.util.List;
import java.util.Objects;

/** What the matcher decided for one concern. */
public sealed interface MatchResult {

    /** The candidates shown or considered, best first, at most three; empty when there were none. */
    List<Candidate> candidates();

    /** The concern is the same matter as {@code best}: the resident joins it as a supporter. */
    record Confident(Candidate best, List<Candidate> candidates) implements MatchResult {
        public Confident {
            Objects.requireNonNull(best, "best");
            candidates = List.copyOf(candidates);
        }
    }

    /** Possibly one of {@code candidates}: ask the resident which one, or none. */
    record Ambiguous(List<Candidate> candidates) implements MatchResult {
        public Ambiguous {
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("an ambiguous match needs candidates");
            }
            candidates = List.copyOf(candidates);
        }
    }

    /** No open topic of the resident's place covers the concern: it becomes a new issue. */
    record NoMatch(List<Candidate> candidates) implements MatchResult {
        public NoMatch {
            candidates = List.copyOf(candidates);
        }
    }

    /** The message has no content words (empty, punctuation, emoji, numbers): ask the resident to describe the matter. */
    record NoContent() implements MatchResult {
        @Override
        public List<Candidate> candidates() {
            return List.of();
        }
    }
}
