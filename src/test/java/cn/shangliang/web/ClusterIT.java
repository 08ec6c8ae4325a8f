package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.shangliang.app.Application;
import cn.shangliang.channel.generic.GenericSignature;
import cn.shangliang.testing.LocalRedisCluster;
import cn.shangliang.testing.TestConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Two application instances on a local 3-master/3-replica Redis Cluster: the pipeline's partitions spread over the
 * masters, every message is answered once whichever instance took it, and after a master dies both instances are
 * ready again by themselves, keep answering, and lose no message they accepted (with {@code ack_replicas: 1}).
 */
class ClusterIT {

    private static final String SECRET = "cluster-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GenericSignature SIGNATURE = new GenericSignature(SECRET);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dir;

    private static LocalRedisCluster cluster;
    private static MockWebServer replies;
    private static final Map<String, Integer> answered = new ConcurrentHashMap<>();
    private static final List<Application> apps = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(LocalRedisCluster.supported(), "the shipped redis-server runs on Linux x86-64 only");
        cluster = LocalRedisCluster.start(dir);
        replies = new MockWebServer();
        replies.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    String inReplyTo = JSON.readTree(request.getBody().toByteArray())
                            .path("in_reply_to")
                            .asText();
                    answered.merge(inReplyTo, 1, Integer::sum);
                } catch (Exception e) {
                    return new MockResponse.Builder().code(400).build();
                }
                return new MockResponse.Builder().code(200).build();
            }
        });
        replies.start();
        for (int i = 0; i < 2; i++) {
            String yaml = TestConfig.serverYaml(cluster.url(), dir.resolve("data" + i))
                    .replace("redis:\n", "redis:\n  ack_replicas: 1\n  ack_timeout_ms: 200\n  pool_size: 128\n");
            var config = TestConfig.load(
                    dir,
                    yaml,
                    Map.of(
                            "GENERIC_SECRET",
                            SECRET,
                            "GENERIC_REPLY_URL",
                            replies.url("/replies").toString()));
            apps.add(Application.server(config).startPipeline().startHttp());
        }
        for (Application app : apps) {
            await().atMost(Duration.ofSeconds(60)).until(() -> ready(app));
        }
    }

    @AfterAll
    static void stop() {
        apps.forEach(Application::close);
        if (replies != null) {
            replies.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoInstancesOnACluster_spreadAnswerOnce_andSurviveAMasterFailover() throws Exception {
        cluster.masters().forEach(p -> {
            try (Jedis j = cluster.node(p)) {
                j.configResetStat();
            }
        });

        List<String> first = burst("c1", 120);
        awaitAnsweredOnce(first);

        Map<Integer, Long> appends = streamAppendsPerMaster();
        long total = appends.values().stream().mapToLong(Long::longValue).sum();
        assertThat(appends.values().stream().filter(n -> n >= total / 5).count())
                .as("stream appends per master %s: at least two masters take a fifth or more", appends)
                .isGreaterThanOrEqualTo(2);

        int victim = Collections.max(appends.entrySet(), Map.Entry.comparingByValue())
                .getKey();
        List<String> aroundTheFailure = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = Thread.ofPlatform().start(() -> {
            int i = 0;
            while (sending.get()) {
                String id = "c2-" + i;
                if (post(apps.get(i % 2), id, "c2-u" + i) == 202) {
                    aroundTheFailure.add(id);
                }
                i++;
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> aroundTheFailure.size() >= 20);
        cluster.kill(victim);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        !cluster.masters().contains(victim) && cluster.masters().size() == 3);
        for (Application app : apps) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .alias("ready again after the failover")
                    .until(() -> ready(app));
        }
        sending.set(false);
        sender.join();
        await().atMost(Duration.ofSeconds(60))
                .alias("every message accepted around the failure is answered")
                .until(() -> aroundTheFailure.stream().allMatch(answered::containsKey));

        List<String> after = burst("c3", 60);
        awaitAnsweredOnce(after);
    }

    private static List<String> burst(String tag, int n) {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = tag + "-" + i;
            int status = post(apps.get(i % 2), id, tag + "-u" + i);
            assertThat(status).as("message %s accepted", id).isEqualTo(202);
            accepted.add(id);
        }
        return accepted;
    }

    private static void awaitAnsweredOnce(List<String> ids) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(answered::containsKey));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> ids.stream().allMatch(id -> answered.get(id) == 1));
    }

    private static Map<Integer, Long> streamAppendsPerMaster() {
        Map<Integer, Long> out = new HashMap<>();
        Pattern xadd = Pattern.compile("cmdstat_xadd:calls=(\\d+)");
        for (int port : cluster.masters()) {
            try (Jedis j = cluster.node(port)) {
                Matcher m = xadd.matcher(j.info("commandstats"));
                out.put(port, m.find() ? Long.parseLong(m.group(1)) : 0L);
            }
        }
        return out;
    }

    private static boolean ready(Application app) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/ready"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static int post(Application app, String messageId, String userId) {
        String body = "{\"message_id\":\"" + messageId + "\",\"user_id\":\"" + userId
                + "\",\"user_name\":\"居民\",\"text\":\"你好\",\"timestamp\":"
                + Instant.now().getEpochSecond() + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + app.httpPort() + "/webhook/generic"))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Content-Type", "application/json")
                                    .header(GenericSignature.HEADER, SIGNATURE.sign(bytes))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
