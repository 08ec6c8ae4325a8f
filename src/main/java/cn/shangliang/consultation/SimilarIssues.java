package cn.shangliang.consultation;

import java.util.List;

/**
 * Open issues that may be the same matter as a given one, as the bot's matcher sees them: what staff look at before a
 * merge. Implemented over the topic matcher by the composition root; the core and the doors only see this port.
 */
public interface SimilarIssues {

    /**
     * Candidates of the issue's place, best first, closer than the matcher's "ask the resident" level; the issue itself
     * is never among them. Authorisation is the caller's to apply.
     */
    List<Similar> similarTo(IssueDetail issue);

    /** @param similarity in [0, 1]; @param sharedTerms the words the two share, most telling first */
    record Similar(String trackingNo, double similarity, List<String> sharedTerms) {
        public Similar {
            sharedTerms = List.copyOf(sharedTerms);
        }
    }
}
