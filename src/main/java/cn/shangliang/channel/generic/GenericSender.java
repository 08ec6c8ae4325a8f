package cn.shangliang.channel.generic;

import cn.shangliang.channel.ChannelSender;
import cn.shangliang.channel.Outbound;
import cn.shangliang.channel.RetryAfter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * POSTs replies as {@code {"user_id", "text", "in_reply_to", "reply_id"}} (and the reply id in the {@code
 * X-Shangliang-Reply-Id} header) to the configured reply URL, signed like inbound
 * messages. 2xx is sent; 408, 429 and 5xx and network errors are retried; other 4xx are permanent. At most
 * {@code maxConcurrent} calls run at once (the dispatcher may send to a whole batch of recipients in parallel), so
 * that a connection pool of that size serves them all on keep-alive connections.
 */
public final class GenericSender implements ChannelSender {

    /** Carries {@link Outbound#replyId()}, the same on every resend, so that a receiver can drop a repeat. */
    public static final String REPLY_ID_HEADER = "X-Shangliang-Reply-Id";

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final GenericSignature signature;
    private final String replyUrl;
    /** {@code replyUrl} parsed once (OkHttp parses a String URL on every request); null when not a valid URL. */
    private final HttpUrl parsedReplyUrl;

    private final Semaphore calls;

    /** @param maxConcurrent calls in flight at most; keep the client's connection pool at least this large */
    public GenericSender(
            OkHttpClient http, ObjectMapper mapper, GenericSignature signature, String replyUrl, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be positive, was " + maxConcurrent);
        }
        this.http = http;
        this.mapper = mapper;
        this.signature = signature;
        this.replyUrl = replyUrl;
        this.parsedReplyUrl = replyUrl == null ? null : HttpUrl.parse(replyUrl);
        this.calls = new Semaphore(maxConcurrent);
    }

    @Override
    public String channel() {
        return GenericWebhook.CHANNEL;
    }

    @Override
    public SendResult send(Outbound message) {
        if (replyUrl == null || replyUrl.isBlank()) {
            return new SendResult.Permanent("channels.generic.reply_url is not set");
        }
        byte[] body = body(message);
        Request.Builder builder = new Request.Builder();
        if (parsedReplyUrl != null) {
            builder.url(parsedReplyUrl);
        } else {
            builder.url(replyUrl); // throws IllegalArgumentException as before, naming the bad URL
        }
        Request request = builder.header(GenericSignature.HEADER, signature.sign(body))
                .header(REPLY_ID_HEADER, message.replyId())
                .post(RequestBody.create(body, JSON))
                .build();
        try {
            calls.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.RetryLater("interrupted", null);
        }
        try (Response response = http.newCall(request).execute()) {
            int code = response.code();
            if (code >= 200 && code < 300) {
                return new SendResult.Sent();
            }
            if (code == 408 || code == 429 || code >= 500) {
                return new SendResult.RetryLater("HTTP " + code, RetryAfter.parse(response.header("Retry-After")));
            }
            return new SendResult.Permanent("HTTP " + code);
        } catch (IOException e) {
            return new SendResult.RetryLater(e.toString(), null);
        } finally {
            calls.release();
        }
    }

    private byte[] body(Outbound message) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("user_id", message.userId());
        json.put("text", message.text());
        json.put("in_reply_to", message.inReplyTo());
        json.put("reply_id", message.replyId());
        try {
            return mapper.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
