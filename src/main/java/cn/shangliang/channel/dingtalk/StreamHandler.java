package cn.shangliang.channel.dingtalk;

import cn.shangliang.channel.InboundQueue;
import cn.shangliang.channel.PipelineMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do with each frame the Stream gateway pushes (PLATFORMS.md §3.2):
 *
 * <ul>
 *   <li>CALLBACK on the robot topic: the message is queued durably (a replayed {@code msgId} is recognised as a
 *       duplicate) and only then ACKed with code 200. While Redis is down the answer is code 500, not success, and
 *       the message waits in {@link HeldBack} until Redis answers (DingTalk does not push robot messages again).
 *   <li>SYSTEM {@code ping}: answered with its data echoed. SYSTEM {@code disconnect}: not answered; the connection is
 *       to be replaced by a new one on a fresh ticket. Other SYSTEM topics are ignored.
 *   <li>EVENT (not subscribed, so not expected): ACKed {@code SUCCESS} so that it is not pushed again.
 * </ul>
 */
final class StreamHandler {

    private static final Logger log = LoggerFactory.getLogger(StreamHandler.class);

    /** The answer to one frame. */
    sealed interface Reaction {
        /** Send {@code frame} back. */
        record Reply(String frame) implements Reaction {}

        /** Send nothing. */
        record Silent() implements Reaction {}

        /** Send nothing and replace the connection. */
        record Reconnect(String reason) implements Reaction {}
    }

    private final ObjectMapper mapper;
    private final InboundQueue queue;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final SessionWebhooks webhooks;
    private final HeldBack heldBack;

    StreamHandler(
            ObjectMapper mapper,
            InboundQueue queue,
            PipelineMetrics metrics,
            Clock clock,
            SessionWebhooks webhooks,
            HeldBack heldBack) {
        this.heldBack = heldBack;
        this.mapper = mapper;
        this.queue = queue;
        this.metrics = metrics;
        this.clock = clock;
        this.webhooks = webhooks;
    }

    Reaction handle(String text) {
        Optional<StreamFrame> parsed = StreamFrame.parse(mapper, text);
        if (parsed.isEmpty()) {
            log.warn("dingtalk stream: ignoring a frame that is not a Stream frame");
            return new Reaction.Silent();
        }
        StreamFrame frame = parsed.get();
        return switch (frame.type()) {
            case "SYSTEM" -> system(frame);
            case "CALLBACK" -> callback(frame);
            case "EVENT" -> new Reaction.Reply(StreamFrame.eventAck(mapper, frame.messageId(), true));
            default -> {
                log.warn("dingtalk stream: ignoring a frame of type {}", frame.type());
                yield new Reaction.Silent();
            }
        };
    }

    private Reaction system(StreamFrame frame) {
        return switch (frame.topic()) {
            case "ping" -> new Reaction.Reply(StreamFrame.pong(mapper, frame));
            case "disconnect" -> new Reaction.Reconnect(frame.data());
            default -> new Reaction.Silent();
        };
    }

    private Reaction callback(StreamFrame frame) {
        String messageId = frame.messageId();
        if (!frame.topic().equals(StreamFrame.ROBOT_TOPIC)) {
            return new Reaction.Reply(
                    StreamFrame.response(mapper, messageId, 404, "topic not supported", "{\"response\":null}"));
        }
        long start = System.nanoTime();
        JsonNode data;
        try {
            data = mapper.readTree(frame.data());
        } catch (IOException e) {
            data = null;
        }
        return switch (RobotCallback.parse(data, clock.instant())) {
            case RobotCallback.Parsed.Message m -> {
                m.session().ifPresent(s -> webhooks.remember(m.inbound().messageId(), s));
                yield enqueue(m, messageId, start);
            }
            case RobotCallback.Parsed.Ignored i -> new Reaction.Reply(StreamFrame.callbackAck(mapper, messageId));
            case RobotCallback.Parsed.Invalid i -> {
                log.info("dingtalk stream: robot message {} refused: {}", messageId, i.reason());
                metrics.rejected(RobotCallback.CHANNEL, i.status());
                yield new Reaction.Reply(
                        StreamFrame.response(mapper, messageId, 400, i.reason(), "{\"response\":null}"));
            }
        };
    }

    private Reaction enqueue(RobotCallback.Parsed.Message m, String messageId, long start) {
        try {
            switch (queue.enqueue(m.inbound())) {
                case InboundQueue.EnqueueResult.Accepted a -> {
                    metrics.received(RobotCallback.CHANNEL);
                    metrics.acknowledged(Duration.ofNanos(System.nanoTime() - start));
                }
                case InboundQueue.EnqueueResult.Duplicate d -> metrics.duplicate(RobotCallback.CHANNEL);
            }
            return new Reaction.Reply(StreamFrame.callbackAck(mapper, messageId));
        } catch (RuntimeException e) {
            log.warn(
                    "dingtalk stream: robot message {} not queued ({}); not acknowledged as success",
                    messageId,
                    e.toString());
            heldBack.hold(m.inbound()); // DingTalk will not push it again
            return new Reaction.Reply(
                    StreamFrame.response(mapper, messageId, 500, "internal error", "{\"response\":null}"));
        }
    }
}
