package cn.shangliang.channel.telegram;

import cn.shangliang.channel.ChannelSender;
import cn.shangliang.channel.Outbound;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a reply with {@code sendMessage} ({@code POST <base>/bot<token>/sendMessage}, JSON {@code chat_id} and
 * {@code text}). Outcomes by the Bot API's {@code error_code} (the HTTP status when the body has none):
 *
 * <ul>
 *   <li>429: retry after {@code parameters.retry_after} seconds (the Bot API's flood control);
 *   <li>5xx, 408 and network errors: retry (the dispatcher backs off);
 *   <li>{@code parameters.migrate_to_chat_id} (the group became a supergroup): sent once more to the new chat id;
 *   <li>403 (bot blocked by the user, kicked from the group), 400 (chat not found …), 401/404 (bad token) and other
 *       errors: permanent — the dispatcher logs and dead-letters the reply.
 * </ul>
 *
 * A text over 4096 characters goes out as several messages in order ({@link MessageSplitter}). When a later part fails,
 * the parts already sent are remembered (in this process) so that the dispatcher's retry sends only the rest.
 */
public final class TelegramSender implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(TelegramSender.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final long MAX_RETRY_AFTER_SECONDS = 3600;
    private static final int REMEMBERED = 10_000;

    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final HttpUrl sendMessage;
    /** Outbound id → number of its parts already sent, for long texts whose later part failed. */
    private final Map<String, Integer> partsSent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    public TelegramSender(TelegramSettings settings, OkHttpClient http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
        this.sendMessage = HttpUrl.get(settings.baseUrl() + "/bot" + settings.botToken() + "/sendMessage");
    }

    @Override
    public String channel() {
        return UpdateReader.CHANNEL;
    }

    @Override
    public SendResult send(Outbound message) {
        Optional<Long> chat = ChatAddress.chatOf(message.userId());
        if (chat.isEmpty()) {
            return new SendResult.Permanent("'" + message.userId() + "' is not a Telegram chat id");
        }
        List<String> parts = MessageSplitter.split(message.text(), MessageSplitter.MAX_MESSAGE);
        int from = parts.size() == 1 ? 0 : alreadySent(message.id());
        for (int i = from; i < parts.size(); i++) {
            SendResult result = sendPart(chat.get(), parts.get(i));
            if (!(result instanceof SendResult.Sent)) {
                if (i > from) {
                    remember(message.id(), i);
                }
                return result;
            }
        }
        if (parts.size() > 1) {
            forget(message.id());
        }
        return new SendResult.Sent();
    }

    /** One sendMessage, following a group's move to a supergroup once. */
    private SendResult sendPart(long chatId, String text) {
        Call first = call(chatId, text);
        if (first instanceof Call.Migrated m) {
            log.info("telegram chat {} is now {}; sending there", chatId, m.chatId());
            Call second = call(m.chatId(), text);
            return second instanceof Call.Migrated ? new SendResult.Permanent("chat moved twice") : second.result();
        }
        return first.result();
    }

    /** What one API call came to. */
    private sealed interface Call {
        SendResult result();

        record Done(SendResult result) implements Call {}

        record Migrated(long chatId) implements Call {
            @Override
            public SendResult result() {
                return new SendResult.Permanent("chat migrated to " + chatId);
            }
        }
    }

    private Call call(long chatId, String text) {
        ObjectNode body = mapper.createObjectNode().put("chat_id", chatId).put("text", text);
        Request request = new Request.Builder()
                .url(sendMessage)
                .post(RequestBody.create(body.toString(), JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            return outcome(
                    response.code(), json(response.peekBody(64 * 1024).string()), response.header("Retry-After"));
        } catch (IOException e) {
            return new Call.Done(new SendResult.RetryLater(e.toString(), null));
        }
    }

    private Call outcome(int status, JsonNode body, String retryAfterHeader) {
        boolean ok = body.path("ok").asBoolean(status >= 200 && status < 300);
        if (ok && status >= 200 && status < 300) {
            return new Call.Done(new SendResult.Sent());
        }
        int code = body.path("error_code").canConvertToInt()
                ? body.path("error_code").asInt()
                : status;
        String reason = "Telegram " + code + ": " + body.path("description").asText("HTTP " + status);
        JsonNode parameters = body.path("parameters");
        if (parameters.path("migrate_to_chat_id").canConvertToLong()) {
            return new Call.Migrated(parameters.path("migrate_to_chat_id").asLong());
        }
        if (code == 429) {
            Duration after = seconds(parameters.path("retry_after"));
            return new Call.Done(new SendResult.RetryLater(reason, after != null ? after : header(retryAfterHeader)));
        }
        if (code >= 500 || code == 408 || status >= 500) {
            return new Call.Done(new SendResult.RetryLater(reason, header(retryAfterHeader)));
        }
        return new Call.Done(new SendResult.Permanent(reason));
    }

    private JsonNode json(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node == null ? mapper.createObjectNode() : node;
        } catch (JacksonException e) {
            return mapper.createObjectNode();
        }
    }

    private static Duration seconds(JsonNode value) {
        if (!value.canConvertToLong()) {
            return null;
        }
        long s = value.asLong();
        return s < 0 ? null : Duration.ofSeconds(Math.min(s, MAX_RETRY_AFTER_SECONDS));
    }

    private static Duration header(String value) {
        if (value == null) {
            return null;
        }
        try {
            long s = Long.parseLong(value.strip());
            return s < 0 ? null : Duration.ofSeconds(Math.min(s, MAX_RETRY_AFTER_SECONDS));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private int alreadySent(String id) {
        synchronized (partsSent) {
            return partsSent.getOrDefault(id, 0);
        }
    }

    private void remember(String id, int parts) {
        synchronized (partsSent) {
            partsSent.put(id, parts);
        }
    }

    private void forget(String id) {
        synchronized (partsSent) {
            partsSent.remove(id);
        }
    }
}
