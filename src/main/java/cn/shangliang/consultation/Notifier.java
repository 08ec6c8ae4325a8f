package cn.shangliang.consultation;

import java.util.List;

/** Tells people about an issue's change, each through the channel they used and in their language. */
public interface Notifier {

    /**
     * @param key unique per change, so that a repeated call sends nothing twice
     * @param reporter who raised the issue (absent for imported topics)
     * @param supporters everyone else who follows it
     * @param mergedInto the surviving issue's tracking number when the change is a merge, else empty
     */
    void issueChanged(
            String key,
            java.util.Optional<Reporter> reporter,
            List<Reporter> supporters,
            IssueDetail issue,
            String mergedInto);
}
