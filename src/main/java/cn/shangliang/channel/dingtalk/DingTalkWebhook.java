package cn.shangliang.channel.dingtalk;

import cn.shangliang.channel.TextLimits;
import cn.shangliang.channel.WebhookAdapter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /webhook/dingtalk}: the robot's HTTP callback (PLATFORMS.md §3.1). Checks the {@code timestamp} and
 * {@code sign} headers against the app's clock (one hour either way) and secret, then the JSON body; a text message is
 * queued and answered with an empty 200 (the reply goes through the pipeline, not in this response). The message's
 * session webhook is remembered in this process for the reply.
 */
public final class DingTalkWebhook implements WebhookAdapter {

    private final DingTalkSignature signature;

    private final ObjectMapper mapper;
    private final Clock clock;
    private final SessionWebhooks webhooks;

    public DingTalkWebhook(DingTalkSignature signature, ObjectMapper mapper, Clock clock, SessionWebhooks webhooks) {
        this.signature = signature;
        this.mapper = mapper;
        this.clock = clock;
        this.webhooks = webhooks;
    }

    @Override
    public String channel() {
        return RobotCallback.CHANNEL;
    }

    @Override
    public Verdict handle(Request request) {
        if (!request.method().equals("POST")) {
            return reject(405, "robot callbacks are POSTed");
        }
        Optional<String> badHeaders =
                signature.problem(request.header("timestamp"), request.header("sign"), clock.instant());
        if (badHeaders.isPresent()) {
            return reject(401, badHeaders.get());
        }
        Optional<String> json = TextLimits.decodeUtf8(request.body());
        if (json.isEmpty()) {
            return reject(400, "body is not valid UTF-8");
        }
        JsonNode node;
        try {
            node = mapper.readTree(json.get());
        } catch (JsonProcessingException e) {
            return reject(400, "body is not valid JSON");
        }
        return switch (RobotCallback.parse(node, request.receivedAt())) {
            case RobotCallback.Parsed.Message m -> {
                m.session().ifPresent(s -> webhooks.remember(m.inbound().messageId(), s));
                yield new Verdict.Enqueue(m.inbound(), Response.empty(200), Response.empty(200));
            }
            case RobotCallback.Parsed.Ignored i -> new Verdict.Answer(Response.empty(200));
            case RobotCallback.Parsed.Invalid i -> reject(i.status(), i.reason());
        };
    }

    private static Verdict reject(int status, String reason) {
        return new Verdict.Reject(
                Response.json(
                        status,
                        JsonNodeFactory.instance
                                .objectNode()
                                .put("error", reason)
                                .toString()),
                reason);
    }
}
