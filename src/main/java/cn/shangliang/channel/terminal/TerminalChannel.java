package cn.shangliang.channel.terminal;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.InboundQueue;
import cn.shangliang.channel.Inbox;
import cn.shangliang.channel.TextLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A conversation on the terminal through the real pipeline: each input line is queued as a message of channel
 * {@code terminal}, and the next line is sent only once all replies to it have arrived in the user's inbox.
 */
public final class TerminalChannel {

    public static final String CHANNEL = "terminal";

    private final InboundQueue queue;
    private final Inbox inbox;
    private final Clock clock;
    private final Duration replyTimeout;

    public TerminalChannel(InboundQueue queue, Inbox inbox, Clock clock, Duration replyTimeout) {
        this.queue = queue;
        this.inbox = inbox;
        this.clock = clock;
        this.replyTimeout = replyTimeout;
    }

    /**
     * Reads lines until end of input. Replies go to {@code out}; diagnostics to {@code err}.
     *
     * @return the number of lines that got no complete answer in time
     */
    public int converse(
            BufferedReader in, PrintStream out, PrintStream err, String userId, String userName, String place)
            throws IOException {
        Map<String, String> attributes = place == null || place.isBlank() ? Map.of() : Map.of("place", place);
        String since = lastEntry(userId);
        int unanswered = 0;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Optional<String> problem = TextLimits.problem(line);
            if (problem.isPresent()) {
                err.println("(not sent: " + problem.get() + ")");
                continue;
            }
            String id = UUID.randomUUID().toString();
            queue.enqueue(new Inbound(CHANNEL, id, userId, userName, line, clock.instant(), attributes));
            Optional<String> last = awaitReplies(userId, id, since, out);
            if (last.isEmpty()) {
                err.println("(no complete answer within " + replyTimeout.toSeconds() + " s)");
                unanswered++;
                since = lastEntry(userId);
            } else {
                since = last.get();
            }
        }
        return unanswered;
    }

    /** Prints replies to {@code messageId} until all have come; returns the last entry id, or empty on timeout. */
    private Optional<String> awaitReplies(String userId, String messageId, String since, PrintStream out) {
        Instant deadline = clock.instant().plus(replyTimeout);
        String cursor = since;
        int seen = 0;
        while (clock.instant().isBefore(deadline)) {
            List<Inbox.Entry> entries = inbox.await(CHANNEL, userId, cursor, Duration.ofMillis(500));
            for (Inbox.Entry entry : entries) {
                cursor = entry.entryId();
                out.println(entry.message().text());
                out.flush();
                if (messageId.equals(entry.message().inReplyTo())
                        && ++seen >= entry.message().of()) {
                    return Optional.of(cursor);
                }
            }
        }
        return Optional.empty();
    }

    private String lastEntry(String userId) {
        List<Inbox.Entry> all = inbox.after(CHANNEL, userId, "0", 1000);
        return all.isEmpty() ? "0-0" : all.get(all.size() - 1).entryId();
    }
}
