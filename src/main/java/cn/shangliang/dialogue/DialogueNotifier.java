package cn.shangliang.dialogue;

import cn.shangliang.channel.Outbound;
import cn.shangliang.channel.OutboundQueue;
import cn.shangliang.consultation.IssueDetail;
import cn.shangliang.consultation.Notifier;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Topic;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts issue news into the outbound stream: one message per person, in their language, through the channel they
 * used. Message ids derive from the change, so a repeated call queues nothing twice.
 */
public final class DialogueNotifier implements Notifier {

    private final Responses responses;
    private final SessionStore sessions;
    private final OutboundQueue outbound;
    private final Clock clock;

    public DialogueNotifier(Responses responses, SessionStore sessions, OutboundQueue outbound, Clock clock) {
        this.responses = responses;
        this.sessions = sessions;
        this.outbound = outbound;
        this.clock = clock;
    }

    @Override
    public void issueChanged(
            String key, Optional<Reporter> reporter, List<Reporter> supporters, IssueDetail issue, String mergedInto) {
        List<Reporter> recipients = new ArrayList<>();
        reporter.ifPresent(recipients::add);
        supporters.stream().filter(s -> !recipients.contains(s)).forEach(recipients::add);
        for (Reporter r : recipients) {
            Session session = sessions.load(r.channel(), r.userId());
            String language = session.language();
            boolean askRating = issue.status() == Topic.Status.CLOSED
                    && reporter.isPresent()
                    && reporter.get().equals(r);
            String lang = language.isEmpty() ? Responses.DEFAULT_LANGUAGE : language;
            Map<String, String> slots = new HashMap<>();
            slots.put("tracking_no", issue.trackingNo());
            slots.put("title", issue.title());
            slots.put(
                    "status", responses.render("status_" + issue.status().name().toLowerCase(), lang, Map.of()));
            slots.put("outcome", issue.outcome());
            slots.put("target", mergedInto);
            String template = !mergedInto.isEmpty()
                    ? "utter_issue_merged"
                    : askRating
                            ? "utter_issue_closed_rate"
                            : issue.outcome().isEmpty() ? "utter_issue_changed" : "utter_issue_changed_outcome";
            if (askRating) {
                sessions.save(r.channel(), r.userId(), session.withPending(new Pending.AskRating(issue.trackingNo())));
            }
            outbound.enqueue(Outbound.notification(
                    key + "#" + r.channel() + ":" + r.userId(),
                    r.channel(),
                    r.userId(),
                    responses.render(template, lang, slots),
                    clock.instant()));
        }
    }
}
