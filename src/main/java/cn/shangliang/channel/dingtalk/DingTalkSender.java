package cn.shangliang.channel.dingtalk;

import cn.shangliang.channel.ChannelSender;
import cn.shangliang.channel.Outbound;
import cn.shangliang.channel.RetryAfter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends text to a DingTalk user, two ways (PLATFORMS.md §3.1 "Replying"):
 *
 * <ol>
 *   <li>A reply to a message whose session webhook this process knows and that has not expired is POSTed there as
 *       {@code {"msgtype":"text","text":{"content"},"at":{"atUserIds"}}}, so it lands in the conversation the message
 *       came from (a group chat included, @-mentioning the sender). The answer is {@code {errcode, errmsg}}: HTTP 200
 *       alone is not success. A session DingTalk no longer knows ({@code errcode} 300001) falls through to 2.
 *   <li>Everything else (notifications, replies handled by another process or after the webhook expired) goes to the
 *       user's one-to-one chat with the robot: {@code POST /v1.0/robot/oToMessages/batchSend} with
 *       {@code {robotCode, userIds: [staffId], msgKey: "sampleText", msgParam: "{\"content\": …}"}} and the header
 *       {@code x-acs-dingtalk-access-token}. That needs the user's staff id: users outside the organisation (no
 *       {@code senderStaffId}) can only be answered by session webhook.
 * </ol>
 *
 * Outcomes: 2xx with the user in {@code invalidStaffIdList} is permanent, in {@code flowControlledStaffIdList} is
 * retried; a refused access token is renewed and the call made once more; 408, 429 and 5xx and network errors are
 * retried (honouring {@code Retry-After}); other 4xx are permanent. Never retries on its own beyond that one renewal.
 */
public final class DingTalkSender implements ChannelSender {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** The session webhook's "session does not exist" (expired or from another robot). */
    private static final int SESSION_GONE = 300001;
    /** Webhook robots' "sending too fast" answers (130101: over 20 a minute; 410100: throttled). */
    private static final Set<Integer> TOO_FAST = Set.of(130101, 410100);

    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final AccessTokens tokens;
    private final SessionWebhooks webhooks;
    private final HttpUrl batchSend;
    private final String robotCode;

    DingTalkSender(
            OkHttpClient http,
            ObjectMapper mapper,
            AccessTokens tokens,
            SessionWebhooks webhooks,
            HttpUrl apiBase,
            String robotCode) {
        this.http = http;
        this.mapper = mapper;
        this.tokens = tokens;
        this.webhooks = webhooks;
        this.batchSend = apiBase.newBuilder()
                .addPathSegments("v1.0/robot/oToMessages/batchSend")
                .build();
        this.robotCode = robotCode;
    }

    @Override
    public String channel() {
        return RobotCallback.CHANNEL;
    }

    @Override
    public SendResult send(Outbound message) {
        Optional<SessionWebhook> session =
                message.inReplyTo().isEmpty() ? Optional.empty() : webhooks.fresh(message.inReplyTo());
        if (session.isPresent()) {
            Optional<SendResult> result = viaSession(session.get(), message);
            if (result.isPresent()) {
                return result.get();
            }
            webhooks.forget(message.inReplyTo());
        }
        if (!isStaffId(message.userId())) {
            return new SendResult.Permanent("no staff id for " + message.userId()
                    + " and no fresh session webhook: DingTalk cannot address this user");
        }
        return viaOpenApi(message);
    }

    /** DingTalk's encrypted user ids ({@code $:LWCP_v1:$…}) are not staff ids; the OpenAPI cannot send to them. */
    static boolean isStaffId(String userId) {
        return !userId.startsWith("$:");
    }

    /** Empty when the session is gone and the OpenAPI should be tried. */
    private Optional<SendResult> viaSession(SessionWebhook session, Outbound message) {
        ObjectNode body = mapper.createObjectNode().put("msgtype", "text");
        body.putObject("text").put("content", message.text());
        if (session.group() && !session.atUserId().isEmpty()) {
            ObjectNode at = body.putObject("at");
            at.putArray("atUserIds").add(session.atUserId());
            at.put("isAtAll", false);
        }
        Request request;
        try {
            request = new Request.Builder()
                    .url(session.url())
                    .post(RequestBody.create(body.toString().getBytes(StandardCharsets.UTF_8), JSON))
                    .build();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try (Response response = http.newCall(request).execute()) {
            Optional<SendResult> transientFailure = transientHttp(response, "session webhook");
            if (transientFailure.isPresent()) {
                return transientFailure;
            }
            String text = response.body().string();
            if (!response.isSuccessful()) {
                return Optional.empty(); // the webhook is unusable; the OpenAPI may still reach the user
            }
            JsonNode node = readTree(text);
            int errcode = node.path("errcode").asInt(-1);
            if (errcode == 0) {
                return Optional.of(new SendResult.Sent());
            }
            if (TOO_FAST.contains(errcode)) {
                return Optional.of(new SendResult.RetryLater(
                        "session webhook errcode " + errcode + ": "
                                + node.path("errmsg").asText(),
                        null));
            }
            if (errcode != SESSION_GONE && !isStaffId(message.userId())) {
                return Optional.of(new SendResult.Permanent("session webhook errcode " + errcode + ": "
                        + node.path("errmsg").asText()));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new SendResult.RetryLater("session webhook: " + e, null));
        }
    }

    private SendResult viaOpenApi(Outbound message) {
        AccessTokens.Result token = tokens.current();
        if (token instanceof AccessTokens.Result.Failed failed) {
            return failed.failure();
        }
        String value = ((AccessTokens.Result.Token) token).value();
        Attempt attempt = batchSend(value, message);
        if (attempt instanceof Attempt.TokenRefused) {
            tokens.invalidate(value);
            token = tokens.current();
            if (token instanceof AccessTokens.Result.Failed failed) {
                return failed.failure();
            }
            attempt = batchSend(((AccessTokens.Result.Token) token).value(), message);
        }
        return switch (attempt) {
            case Attempt.Done d -> d.result();
            case Attempt.TokenRefused r -> new SendResult.RetryLater("access token refused right after renewal", null);
        };
    }

    /** One call of batchSend. */
    private sealed interface Attempt {
        record Done(SendResult result) implements Attempt {}

        record TokenRefused() implements Attempt {}
    }

    private Attempt batchSend(String token, Outbound message) {
        ObjectNode body = mapper.createObjectNode().put("robotCode", robotCode);
        body.putArray("userIds").add(message.userId());
        body.put("msgKey", "sampleText");
        body.put(
                "msgParam",
                mapper.createObjectNode().put("content", message.text()).toString());
        Request request = new Request.Builder()
                .url(batchSend)
                .header("x-acs-dingtalk-access-token", token)
                .header("Accept", "application/json")
                .post(RequestBody.create(body.toString().getBytes(StandardCharsets.UTF_8), JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            int code = response.code();
            if (code >= 200 && code < 300) {
                return new Attempt.Done(delivered(readTree(text), message.userId()));
            }
            OpenApiError error = OpenApiError.of(mapper, text);
            if ((code == 400 || code == 401 || code == 403) && error.invalidToken()) {
                return new Attempt.TokenRefused();
            }
            Optional<SendResult> transientFailure = transientHttp(response, "batchSend");
            if (transientFailure.isPresent()) {
                return new Attempt.Done(transientFailure.get());
            }
            if (error.throttled()) {
                return new Attempt.Done(new SendResult.RetryLater("batchSend throttled: " + error, null));
            }
            return new Attempt.Done(new SendResult.Permanent("batchSend HTTP " + code + " " + error));
        } catch (IOException e) {
            return new Attempt.Done(new SendResult.RetryLater("batchSend: " + e, null));
        }
    }

    /** A 2xx batchSend answer: {@code {processQueryKey, invalidStaffIdList, flowControlledStaffIdList}}. */
    private static SendResult delivered(JsonNode node, String userId) {
        if (contains(node.path("invalidStaffIdList"), userId)) {
            return new SendResult.Permanent("DingTalk does not know staff id " + userId + " (invalidStaffIdList)");
        }
        if (contains(node.path("flowControlledStaffIdList"), userId)) {
            return new SendResult.RetryLater("flow controlled (flowControlledStaffIdList)", null);
        }
        return new SendResult.Sent();
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<SendResult> transientHttp(Response response, String what) {
        int code = response.code();
        if (code == 408 || code == 429 || code >= 500) {
            return Optional.of(new SendResult.RetryLater(
                    what + " HTTP " + code, RetryAfter.parse(response.header("Retry-After"))));
        }
        return Optional.empty();
    }

    private JsonNode readTree(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            return node == null ? mapper.createObjectNode() : node;
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }
}
