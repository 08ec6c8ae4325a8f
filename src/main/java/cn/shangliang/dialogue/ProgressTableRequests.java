package cn.shangliang.dialogue;

import cn.shangliang.consultation.Reporter;
import java.util.List;
import java.util.Optional;

/**
 * A request for the weekly progress table by chat ("本周推进表", "last week's progress table"), answered before the
 * conversation's own handling. Empty when the message is not such a request, so the dialogue goes on as usual.
 */
@FunctionalInterface
public interface ProgressTableRequests {

    /** The replies, or empty when {@code text} does not ask for the table. */
    Optional<List<String>> answer(Reporter who, String text, String language);

    /** Never a request (tests, and processes without reports). */
    static ProgressTableRequests none() {
        return (who, text, language) -> Optional.empty();
    }
}
