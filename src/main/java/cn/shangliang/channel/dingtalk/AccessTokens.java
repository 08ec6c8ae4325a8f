package cn.shangliang.channel.dingtalk;

import cn.shangliang.channel.ChannelSender.SendResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The app's access token for the v1.0 OpenAPI: {@code POST /v1.0/oauth2/accessToken} with {@code {appKey, appSecret}}
 * answers {@code {accessToken, expireIn}} (seconds, 7200 today). Cached until shortly before it expires, and dropped
 * when the API refuses it, so that the next call fetches a new one.
 */
final class AccessTokens {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** Renew this long before the expiry DingTalk gave (at most half the lifetime). */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    /** A token, or why none could be had (as the send's result). */
    sealed interface Result {
        record Token(String value) implements Result {}

        record Failed(SendResult failure) implements Result {}
    }

    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HttpUrl url;
    private final byte[] body;

    private String token;
    private Instant renewAt = Instant.MIN;

    AccessTokens(
            OkHttpClient http, ObjectMapper mapper, Clock clock, HttpUrl apiBase, String appKey, String appSecret) {
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
        this.url =
                apiBase.newBuilder().addPathSegments("v1.0/oauth2/accessToken").build();
        this.body = mapper.createObjectNode()
                .put("appKey", appKey)
                .put("appSecret", appSecret)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The cached token, or a new one when none is cached or it is about to expire. */
    synchronized Result current() {
        if (token != null && clock.instant().isBefore(renewAt)) {
            return new Result.Token(token);
        }
        token = null;
        return fetch();
    }

    /** Forgets {@code refused} (unless a newer token replaced it already). */
    synchronized void invalidate(String refused) {
        if (refused.equals(token)) {
            token = null;
        }
    }

    private Result fetch() {
        Request request = new Request.Builder()
                .url(url)
                .header("Accept", "application/json")
                .post(RequestBody.create(body, JSON))
                .build();
        Instant asked = clock.instant();
        try (Response response = http.newCall(request).execute()) {
            int code = response.code();
            String text = response.body().string();
            if (code == 429 || code >= 500) {
                return new Result.Failed(new SendResult.RetryLater("access token: HTTP " + code, null));
            }
            if (code < 200 || code >= 300) {
                return new Result.Failed(new SendResult.Permanent(
                        "access token refused: HTTP " + code + " " + OpenApiError.of(mapper, text)));
            }
            JsonNode node = mapper.readTree(text);
            String value = node.path("accessToken").asText("");
            long expireIn = node.path("expireIn").asLong(0);
            if (value.isEmpty() || expireIn <= 0) {
                return new Result.Failed(new SendResult.RetryLater("access token answer without a token", null));
            }
            Duration lifetime = Duration.ofSeconds(expireIn);
            Duration early = RENEW_BEFORE.compareTo(lifetime.dividedBy(2)) < 0 ? RENEW_BEFORE : lifetime.dividedBy(2);
            token = value;
            renewAt = asked.plus(lifetime).minus(early);
            return new Result.Token(value);
        } catch (IOException e) {
            return new Result.Failed(new SendResult.RetryLater("access token: " + e, null));
        }
    }
}
