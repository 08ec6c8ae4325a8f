package cn.shangliang.dialogue;

import cn.shangliang.channel.Outbound;
import cn.shangliang.consultation.Notice;
import cn.shangliang.consultation.Reporter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link Notice} of the core into the message a person reads: the catalogue template in their language, slot
 * values that are catalogue keys rendered too. A notice asking for a rating makes the reporter's next answer the
 * rating. A resident who sent 退订 hears no more about issues they only support; their own issues they still hear of.
 */
public final class NoticeRenderer {

    private final Responses responses;
    private final SessionStore sessions;
    private final Clock clock;

    public NoticeRenderer(Responses responses, SessionStore sessions, Clock clock) {
        this.responses = responses;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * The message to queue, in the language kept in the reader's profile; its id is the notice's, so a second delivery
     * of the same notice is dropped. Empty when the reader unsubscribed and only supports the issue.
     */
    public Optional<Outbound> render(Notice notice) {
        Reporter to = notice.to();
        Session session = sessions.load(to.channel(), to.userId());
        if (session.unsubscribed() && !notice.toReporter()) {
            return Optional.empty();
        }
        String language = session.readerLanguage();
        if (notice.askRating()) {
            sessions.save(
                    to.channel(),
                    to.userId(),
                    session.withPending(new Pending.AskRating(notice.slots().get("tracking_no"))));
        }
        return Optional.of(Outbound.notification(
                notice.id(),
                to.channel(),
                to.userId(),
                text(notice.template(), notice.slots(), language),
                clock.instant()));
    }

    /** A template with its slots in {@code language}; a slot value that is a catalogue key is rendered first. */
    public String text(String template, Map<String, String> slots, String language) {
        return responses.renderNested(template, language, slots);
    }
}
