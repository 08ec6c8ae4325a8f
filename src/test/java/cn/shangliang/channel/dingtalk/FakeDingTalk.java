package cn.shangliang.channel.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * DingTalk's HTTP side for the integration tests, on MockWebServer: the access token endpoint (tokens tok-1, tok-2
 * …), robot batchSend (scripted answers, else success; tokens in {@code refusedTokens} are refused as DingTalk does),
 * session webhooks under {@code /session/…}, and the Stream registration handing out single-use tickets.
 */
final class FakeDingTalk implements AutoCloseable {

    static final String APP_KEY = "ding-it-key";
    static final String APP_SECRET = "ding-it-secret";
    static final String SENT =
            "{\"processQueryKey\":\"pqk\",\"invalidStaffIdList\":[],\"flowControlledStaffIdList\":[]}";

    private final ObjectMapper mapper = new ObjectMapper();
    final MockWebServer api = new MockWebServer();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    final Queue<MockResponse> batchSendScript = new ConcurrentLinkedQueue<>();
    final Set<String> refusedTokens = ConcurrentHashMap.newKeySet();
    final List<String> tickets = new CopyOnWriteArrayList<>();
    final AtomicInteger tokensIssued = new AtomicInteger();
    /** This many registrations are answered 503 before they work again. */
    final AtomicInteger failOpens = new AtomicInteger();

    volatile String streamEndpoint = "ws://127.0.0.1:1/connect";

    FakeDingTalk() throws IOException {
        api.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer(request);
            }
        });
        api.start();
    }

    HttpUrl base() {
        return api.url("/");
    }

    String sessionUrl(String name) {
        return api.url("/session/" + name).toString();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json;charset=utf-8")
                .body(body)
                .build();
    }

    List<RecordedRequest> to(String path) {
        return requests.stream()
                .filter(r -> r.getUrl().encodedPath().equals(path))
                .toList();
    }

    JsonNode body(RecordedRequest request) {
        try {
            return mapper.readTree(request.getBody().utf8());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.startsWith("/session/")) {
            return json(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        }
        return switch (path) {
            case "/v1.0/oauth2/accessToken" ->
                credentialsOk(request)
                        ? json(
                                200,
                                "{\"accessToken\":\"tok-" + tokensIssued.incrementAndGet() + "\",\"expireIn\":7200}")
                        : json(400, "{\"code\":\"invalidClientSecret\",\"message\":\"bad\"}");
            case "/v1.0/robot/oToMessages/batchSend" -> batchSend(request);
            case "/v1.0/gateway/connections/open" -> open(request);
            default -> json(404, "{\"code\":\"notFound\",\"message\":\"" + path + "\"}");
        };
    }

    private boolean credentialsOk(RecordedRequest request) {
        JsonNode body = body(request);
        return APP_KEY.equals(body.path("appKey").asText())
                && APP_SECRET.equals(body.path("appSecret").asText());
    }

    private MockResponse batchSend(RecordedRequest request) {
        String token = request.getHeaders().get("x-acs-dingtalk-access-token");
        if (token == null || refusedTokens.contains(token)) {
            return json(
                    400, "{\"code\":\"InvalidAuthentication\",\"requestid\":\"r\",\"message\":\"不合法的access_token\"}");
        }
        MockResponse scripted = batchSendScript.poll();
        return scripted != null ? scripted : json(200, SENT);
    }

    private MockResponse open(RecordedRequest request) {
        if (failOpens.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return json(503, "{\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}");
        }
        JsonNode body = body(request);
        boolean subscribed =
                body.path("subscriptions").findValuesAsText("topic").contains(StreamFrame.ROBOT_TOPIC);
        if (!APP_KEY.equals(body.path("clientId").asText())
                || !APP_SECRET.equals(body.path("clientSecret").asText())
                || !subscribed
                || !"application/json".equals(request.getHeaders().get("Accept"))) {
            return json(400, "{\"code\":\"invalidParameter\",\"message\":\"bad registration\"}");
        }
        String ticket = UUID.randomUUID().toString();
        tickets.add(ticket);
        return json(200, "{\"endpoint\":\"" + streamEndpoint + "\",\"ticket\":\"" + ticket + "\"}");
    }

    @Override
    public void close() {
        api.close();
    }
}
