package cn.shangliang.channel.weixin;

import cn.shangliang.channel.ChannelSender.SendResult;
import cn.shangliang.channel.RetryAfter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The JSON APIs of WeCom ({@code qyapi.weixin.qq.com}) and WeChat ({@code api.weixin.qq.com}): an access token fetched
 * from the token URL and cached until shortly before it expires, and POSTs whose outcome is decided by {@code errcode}
 * (never by {@code errmsg}; the HTTP status is 200 for errors too). When the platform says the token is invalid or
 * expired (40014, 42001, and 40001 "not the latest" on WeChat), the token is fetched again and the call made once
 * more: the only repetition inside a send; all other retries are the dispatcher's. Thread-safe.
 */
public final class WxApi {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /** The token is invalid or expired: fetch a new one and repeat the call once. */
    static final Set<Integer> STALE_TOKEN = Set.of(40001, 40014, 42001);

    /** Transient: system busy (-1), API frequency and concurrency limits. */
    static final Set<Integer> TRANSIENT = Set.of(-1, 45009, 45011, 45033);

    /** Readable notes on the permanent errors a chat bot meets, for the dead-letter reason. */
    private static final Map<Integer, String> NOTES = Map.of(
            40003, "invalid user id / openid",
            43004, "the user does not follow the account",
            43019, "the user is blacklisted",
            45015, "outside the 48-hour customer-service window (the user has not written for 48 h)",
            45047, "customer-service quota used up until the user writes again",
            60111, "user id not found",
            81013, "no valid recipient");

    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final HttpUrl tokenUrl;
    private final Clock clock;
    private final Duration margin;
    /** A lock rather than {@code synchronized}: the fetch blocks on I/O, and senders run on virtual threads. */
    private final ReentrantLock lock = new ReentrantLock();

    private Token token; // guarded by lock

    private record Token(String value, Instant refreshAt) {}

    /** What one call gave: the body of a successful answer, or how the send ends. */
    public sealed interface Result {
        record Ok(JsonNode body) implements Result {}

        record Failed(SendResult result) implements Result {}
    }

    /** The platform's answer to one HTTP call, before it is judged. */
    private sealed interface Answer {
        record Reply(int errcode, String errmsg, JsonNode body) implements Answer {}

        /** No usable answer: network, HTTP status, not JSON. */
        record Broken(SendResult result) implements Answer {}
    }

    /**
     * @param tokenUrl the full token URL with its credentials (never logged)
     * @param margin a token is renewed this long before the platform says it expires
     */
    public WxApi(OkHttpClient http, ObjectMapper mapper, HttpUrl tokenUrl, Clock clock, Duration margin) {
        this.http = http;
        this.mapper = mapper;
        this.tokenUrl = tokenUrl;
        this.clock = clock;
        this.margin = margin;
    }

    /** POSTs {@code body} as JSON to {@code url} with the access token; one token refresh at most. */
    public Result post(HttpUrl url, Object body) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the request body", e);
        }
        Lease lease = token();
        if (lease instanceof Lease.Refused refused) {
            return new Result.Failed(refused.result());
        }
        String used = ((Lease.Granted) lease).token();
        Answer answer = call(withToken(url, used, json));
        if (answer instanceof Answer.Reply r && STALE_TOKEN.contains(r.errcode())) {
            invalidate(used);
            lease = token();
            if (lease instanceof Lease.Refused refused) {
                return new Result.Failed(refused.result());
            }
            answer = call(withToken(url, ((Lease.Granted) lease).token(), json));
            if (answer instanceof Answer.Reply again && STALE_TOKEN.contains(again.errcode())) {
                return retry("errcode " + again.errcode() + " (token) again right after a new token", null);
            }
        }
        return judge(answer);
    }

    private static Request withToken(HttpUrl url, String token, byte[] json) {
        return new Request.Builder()
                .url(url.newBuilder().addQueryParameter("access_token", token).build())
                .post(RequestBody.create(json, JSON))
                .build();
    }

    /** An access token, or why there is none. */
    private sealed interface Lease {
        record Granted(String token) implements Lease {}

        record Refused(SendResult result) implements Lease {}
    }

    /** The cached token, or a fresh one (one fetch at a time; the others wait for it). */
    private Lease token() {
        lock.lock();
        try {
            return cachedOrFetched();
        } finally {
            lock.unlock();
        }
    }

    private Lease cachedOrFetched() {
        Instant now = clock.instant();
        if (token != null && now.isBefore(token.refreshAt())) {
            return new Lease.Granted(token.value());
        }
        Answer answer = call(new Request.Builder().url(tokenUrl).get().build());
        if (answer instanceof Answer.Broken b) {
            return new Lease.Refused(prefix("access token: ", b.result()));
        }
        Answer.Reply reply = (Answer.Reply) answer;
        String value = reply.body().path("access_token").asText("");
        if (reply.errcode() != 0 || value.isEmpty()) {
            return judge(reply) instanceof Result.Failed f
                    ? new Lease.Refused(prefix("access token: ", f.result()))
                    : new Lease.Refused(new SendResult.RetryLater("access token: answer without access_token", null));
        }
        long expiresIn = reply.body().path("expires_in").asLong(7200);
        Duration lifetime = Duration.ofSeconds(Math.max(expiresIn, 1));
        Duration early = margin.compareTo(lifetime.dividedBy(2)) < 0 ? margin : lifetime.dividedBy(2);
        token = new Token(value, now.plus(lifetime).minus(early));
        return new Lease.Granted(value);
    }

    /** Forgets {@code used} if it is still the cached token (another thread may have renewed it already). */
    private void invalidate(String used) {
        lock.lock();
        try {
            if (token != null && token.value().equals(used)) {
                token = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private Answer call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            int code = response.code();
            if (code == 408 || code == 429 || code >= 500) {
                return new Answer.Broken(
                        new SendResult.RetryLater("HTTP " + code, RetryAfter.parse(response.header("Retry-After"))));
            }
            if (code < 200 || code >= 300) {
                return new Answer.Broken(new SendResult.Permanent("HTTP " + code));
            }
            JsonNode body;
            try {
                body = mapper.readTree(response.body().bytes());
            } catch (IOException e) {
                return new Answer.Broken(new SendResult.RetryLater("answer is not JSON", null));
            }
            if (body == null || !body.isObject()) {
                return new Answer.Broken(new SendResult.RetryLater("answer is not a JSON object", null));
            }
            return new Answer.Reply(
                    body.path("errcode").asInt(0), body.path("errmsg").asText(""), body);
        } catch (IOException e) {
            return new Answer.Broken(new SendResult.RetryLater(e.toString(), null));
        }
    }

    /** errcode 0 is success; busy and frequency limits are transient; any other errcode is permanent. */
    private static Result judge(Answer answer) {
        if (answer instanceof Answer.Broken b) {
            return new Result.Failed(b.result());
        }
        Answer.Reply r = (Answer.Reply) answer;
        if (r.errcode() == 0) {
            return new Result.Ok(r.body());
        }
        if (TRANSIENT.contains(r.errcode())) {
            return retry(describe(r), null);
        }
        return new Result.Failed(new SendResult.Permanent(describe(r)));
    }

    private static String describe(Answer.Reply r) {
        String note = NOTES.get(r.errcode());
        return "errcode " + r.errcode() + (note == null ? "" : " " + note) + " (" + r.errmsg() + ")";
    }

    private static Result retry(String reason, Duration after) {
        return new Result.Failed(new SendResult.RetryLater(reason, after));
    }

    private static SendResult prefix(String prefix, SendResult result) {
        return switch (result) {
            case SendResult.Sent s -> s;
            case SendResult.RetryLater r -> new SendResult.RetryLater(prefix + r.reason(), r.after());
            case SendResult.Permanent p -> new SendResult.Permanent(prefix + p.reason());
        };
    }
}
