package cn.shangliang.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shangliang.channel.generic.GenericSignature;
import cn.shangliang.testing.TestConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own embedded redis-server killed with SIGKILL while messages keep arriving: the process stays up,
 * {@code /ready} comes back by itself, and every message that was acknowledged (202) is answered.
 */
class EmbeddedRedisRestartIT {

    private static final String SECRET = "restart-secret";
    private final GenericSignature signature = new GenericSignature(SECRET);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void redisServerKilledUnderLoad_readyRecoversWithoutRestartingTheJvm_andNoAcknowledgedMessageIsLost()
            throws Exception {
        Set<String> answered = ConcurrentHashMap.newKeySet();
        try (MockWebServer replies = new MockWebServer()) {
            replies.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    try {
                        JsonNode body = json.readTree(request.getBody().utf8());
                        answered.add(body.path("in_reply_to").asText());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return new MockResponse.Builder().code(200).build();
                }
            });
            replies.start();
            AppConfig config = TestConfig.load(
                    dir,
                    TestConfig.serverYaml("", dir.resolve("data")),
                    Map.of(
                            "GENERIC_SECRET",
                            SECRET,
                            "GENERIC_REPLY_URL",
                            replies.url("/replies").toString()));
            try (Application app = Application.server(config).startPipeline().startHttp()) {
                String base = "http://127.0.0.1:" + app.httpPort();
                await().atMost(Duration.ofSeconds(60)).until(() -> status(base + "/ready") == 200);

                Set<String> acknowledged = ConcurrentHashMap.newKeySet();
                AtomicInteger refused = new AtomicInteger();
                AtomicBoolean stop = new AtomicBoolean();
                Thread load = Thread.ofPlatform().start(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String id = "load-" + i;
                        int status = post(base, id);
                        if (status == 202 || status == 200) {
                            acknowledged.add(id);
                        } else {
                            refused.incrementAndGet(); // 503 while Redis is away: not acknowledged, the sender retries
                        }
                    }
                });
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 30);
                    ProcessHandle redisServer = ProcessHandle.current()
                            .children()
                            .filter(p -> p.info().commandLine().orElse("").contains("redis-server"))
                            .findFirst()
                            .orElseThrow();
                    redisServer.destroyForcibly(); // SIGKILL
                    int before = acknowledged.size();

                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> !redisServer.isAlive() && status(base + "/ready") == 200);
                    await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= before + 30);
                } finally {
                    stop.set(true);
                    load.join();
                }

                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> assertThat(answered).containsAll(acknowledged));
                assertThat(status(base + "/health")).isEqualTo(200);
                assertThat(get(base + "/metrics")).contains("shangliang_redis_embedded_restarts_total 1.0");
            }
        }
    }

    private int post(String base, String id) {
        String body = "{\"message_id\":\"" + id + "\",\"user_id\":\"u-" + id + "\",\"text\":\"你好\",\"timestamp\":"
                + Instant.now().getEpochSecond() + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(base + "/webhook/generic"))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Content-Type", "application/json")
                                    .header(GenericSignature.HEADER, signature.sign(bytes))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
