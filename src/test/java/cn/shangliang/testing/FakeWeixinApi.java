package cn.shangliang.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stand-in for the WeCom / WeChat JSON API on a {@link MockWebServer}: the token paths ({@code cgi-bin/gettoken},
 * {@code cgi-bin/token}) hand out {@code token-1}, {@code token-2} …; every other call is recorded as a send and
 * answered with the next scripted answer, or {@code {"errcode":0,"errmsg":"ok"}}.
 */
public final class FakeWeixinApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger sendsSeen = new AtomicInteger();
    private final BlockingQueue<RecordedRequest> tokenRequests = new LinkedBlockingQueue<>();
    private final BlockingQueue<RecordedRequest> sends = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedDeque<MockResponse> scripted = new ConcurrentLinkedDeque<>();
    private volatile long expiresIn = 7200;

    public FakeWeixinApi() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.equals("/cgi-bin/gettoken") || path.equals("/cgi-bin/token")) {
                    tokenRequests.add(request);
                    return json(
                            200,
                            "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"token-"
                                    + tokensIssued.incrementAndGet() + "\",\"expires_in\":" + expiresIn + "}");
                }
                sends.add(request);
                sendsSeen.incrementAndGet();
                MockResponse next = scripted.poll();
                return next != null ? next : json(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public void expiresIn(long seconds) {
        this.expiresIn = seconds;
    }

    /** The next sends are answered with these JSON bodies (HTTP 200), in order. */
    public void answerSends(String... bodies) {
        for (String body : bodies) {
            scripted.add(json(200, body));
        }
    }

    /** The next send is answered with this HTTP status and body. */
    public void answerSend(int status, String body) {
        scripted.add(json(status, body));
    }

    public static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    public int tokenFetches() {
        return tokenRequests.size();
    }

    public RecordedRequest tokenRequest() {
        RecordedRequest request = tokenRequests.peek();
        assertThat(request).as("a token request").isNotNull();
        return request;
    }

    /** The next send request, waiting up to 20 s. */
    public RecordedRequest nextSend() {
        try {
            RecordedRequest request = sends.poll(20, TimeUnit.SECONDS);
            assertThat(request).as("a send at the fake API").isNotNull();
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A send that arrives within {@code millis}, or null. */
    public RecordedRequest sendWithin(long millis) throws InterruptedException {
        return sends.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Sends received so far, taken or not. */
    public int sendCount() {
        return sendsSeen.get();
    }

    public static JsonNode body(RecordedRequest request) {
        try {
            return JSON.readTree(request.getBody().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String token(RecordedRequest request) {
        return request.getUrl().queryParameter("access_token");
    }

    @Override
    public void close() {
        server.close();
    }
}
