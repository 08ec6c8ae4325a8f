package cn.shangliang.channel.telegram;

import cn.shangliang.channel.TextLimits;
import cn.shangliang.channel.WebhookAdapter;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhook/telegram}: the Bot API server's webhook delivery of one {@code Update}.
 *
 * <p>Status codes follow what the Bot API server does with them (PLATFORMS.md §5.2): any 2xx ends delivery; anything
 * else is redelivered with growing delays for up to a day, and later updates of the same chat queue behind it. So:
 *
 * <ul>
 *   <li>missing or wrong {@code X-Telegram-Bot-Api-Secret-Token}: 401 (not from Telegram, or our secret is wrong; once
 *       it is fixed the redeliveries go through);
 *   <li>a body that is not a JSON object with an integer {@code update_id}: 400 (Telegram never sends one, so only a
 *       hand-made request with the secret sees it); over the size limit: 413 (set far above any real update);
 *   <li>every well-formed update: 200, whether queued, a repeat of a queued one, or ignored (edits, stickers, group
 *       chatter …) — a 4xx for an update Telegram will never change would only block that chat for a day.
 * </ul>
 *
 * The 2xx body is empty: a JSON body with a {@code method} would be executed by the Bot API server as a call.
 */
public final class TelegramWebhook implements WebhookAdapter {

    private static final Logger log = LoggerFactory.getLogger(TelegramWebhook.class);

    /**
     * Far above a real update (a message of 4096 characters with entities, plus the message it replies to), low enough
     * to refuse junk before reading it.
     */
    public static final int MAX_BODY = 256 * 1024;

    private static final Response OK = Response.empty(200);

    private final SecretToken secret;
    private final UpdateReader reader;
    private final ObjectMapper mapper;

    public TelegramWebhook(TelegramSettings settings, ObjectMapper mapper) {
        this.secret = new SecretToken(settings.secretToken());
        this.reader = new UpdateReader(settings);
        this.mapper = mapper;
    }

    @Override
    public String channel() {
        return UpdateReader.CHANNEL;
    }

    @Override
    public int maxBodyBytes() {
        return MAX_BODY;
    }

    @Override
    public Verdict handle(Request request) {
        if (!request.method().equals("POST")) {
            return new Verdict.Reject(error(405, "POST an Update here"), request.method() + " request");
        }
        if (!secret.matches(request.header(SecretToken.HEADER))) {
            String reason = request.header(SecretToken.HEADER).isEmpty()
                    ? "missing X-Telegram-Bot-Api-Secret-Token"
                    : "wrong X-Telegram-Bot-Api-Secret-Token";
            return new Verdict.Reject(error(401, "missing or wrong secret token"), reason);
        }
        Optional<JsonNode> update = parse(request.body());
        if (update.isEmpty()) {
            return new Verdict.Reject(error(400, "body must be a JSON Update"), "body is not a JSON object");
        }
        JsonNode updateId = update.get().path("update_id");
        if (!updateId.isIntegralNumber() || !updateId.canConvertToLong()) {
            return new Verdict.Reject(error(400, "update_id must be an integer"), "update without an update_id");
        }
        return switch (reader.read(updateId.asLong(), update.get(), request.receivedAt())) {
            case UpdateReader.Reading.Message m -> new Verdict.Enqueue(m.message(), OK, OK);
            case UpdateReader.Reading.Ignored i -> {
                log.debug("telegram update {} ignored: {}", updateId.asLong(), i.reason());
                yield new Verdict.Answer(OK);
            }
        };
    }

    private Optional<JsonNode> parse(byte[] body) {
        Optional<String> text = TextLimits.decodeUtf8(body);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = mapper.readTree(text.get());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static Response error(int status, String message) {
        return Response.json(status, "{\"error\":\"" + message + "\"}");
    }
}
