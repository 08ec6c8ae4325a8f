package cn.shangliang.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as users run it: terminal chat in a pipe, exit codes, the Docker Compose environment. */
class CommandLineIT {

    private static final Path JAR = Path.of(System.getProperty("shangliang.jar", "target/shangliang.jar"));

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Process start(Map<String, String> env, String... args) throws IOException {
        return startIn(Path.of("").toAbsolutePath(), env, args);
    }

    private Process startIn(Path workingDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().remove("REDIS_URL");
        builder.environment().remove("SHANGLIANG_CONFIG");
        builder.environment().putAll(env);
        return builder.start();
    }

    private Run run(Map<String, String> env, String stdin, String... args) throws Exception {
        Process process = start(env, args);
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Run(
                process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void chat_inAPipe_answersEachLineAndExits() throws Exception {
        Run run = run(
                Map.of("SHANGLIANG_DATA", dir.resolve("data").toString()),
                "你好\nhello\n",
                "chat",
                "--user",
                "alice",
                "--place",
                "青阳镇/里庄村");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("您好").contains("Hello");
        assertThat(run.out().indexOf("您好")).isLessThan(run.out().indexOf("Hello"));
    }

    @Test
    void reportWeekly_printsTheTable_andRefusesUnknownFormats() throws Exception {
        Map<String, String> env = Map.of("SHANGLIANG_DATA", dir.resolve("data").toString());

        Run csv = run(env, "", "report", "weekly", "--week", "2026-W48", "--format", "csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(csv.out())
                .startsWith("\uFEFF镇（街道）,")
                .contains("青阳镇")
                .contains("合计")
                .contains("超期未办");
        assertThat(run(env, "", "report", "weekly", "--format", "xlsx").exit()).isEqualTo(2); // needs --out
        Path xlsx = dir.resolve("weekly.xlsx");
        Run workbook =
                run(env, "", "report", "weekly", "--week", "2026-W48", "--format", "xlsx", "--out", xlsx.toString());
        assertThat(workbook.exit()).as(workbook.err()).isZero();
        assertThat(Files.readAllBytes(xlsx)).startsWith((byte) 'P', (byte) 'K'); // a zip, as xlsx files are
        assertThat(run(env, "", "report", "weekly", "--format", "pdf").exit()).isEqualTo(2);
        assertThat(run(env, "", "report", "weekly", "--week", "48").exit()).isEqualTo(2);
    }

    @Test
    void reportWeekly_weekThatDoesNotExist_exits2WithAMessageNotAStackTrace() throws Exception {
        Map<String, String> env = Map.of("SHANGLIANG_DATA", dir.resolve("data").toString());

        Run run = run(env, "", "report", "weekly", "--week", "2026-W60");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("2026-W60").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void jobsRun_weeklyPush_sendsOnce_thenReportsItAlreadyDone() throws Exception {
        Map<String, String> env = Map.of("SHANGLIANG_DATA", dir.resolve("data").toString());

        Run first = run(env, "", "jobs", "run", "weekly-push", "--week", "2026-W48");
        Run again = run(env, "", "jobs", "run", "weekly-push", "--week", "2026-W48");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("weekly-push: done")
                .contains("weekly-report-2026-W48")
                .contains("1 messages");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("already done").contains("nothing sent");
    }

    @Test
    void jobsRun_overdueDigest_runsNow_underTodaysClaim() throws Exception {
        Map<String, String> env = Map.of("SHANGLIANG_DATA", dir.resolve("data").toString());

        Run first = run(env, "", "jobs", "run", "overdue-digest");
        Run again = run(env, "", "jobs", "run", "overdue-digest");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("overdue-digest: done");
        assertThat(again.out()).contains("overdue-digest: already done");
    }

    @Test
    void jobsRun_badUsage_exits2() throws Exception {
        Map<String, String> env = Map.of("SHANGLIANG_DATA", dir.resolve("data").toString());

        Run unknown = run(env, "", "jobs", "run", "no-such-job");
        Run badWeek = run(env, "", "jobs", "run", "weekly-push", "--week", "abc");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no-such-job").contains("weekly-push");
        assertThat(badWeek.exit()).isEqualTo(2);
        assertThat(badWeek.err()).contains("'abc'").doesNotContain("Exception");
        assertThat(run(env, "", "jobs", "run", "overdue-digest", "--week", "2026-W48")
                        .exit())
                .isEqualTo(2);
        assertThat(run(env, "", "jobs").exit()).isEqualTo(2);
    }

    @Test
    void configProblemFoundAfterRedisStarted_exits2_andLeavesNoRedisServerBehind() throws Exception {
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, "synonyms_file: missing-synonyms.txt\n");
        Path data = dir.resolve("data");

        Run run = run(Map.of("SHANGLIANG_DATA", data.toString()), "", "serve", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("missing-synonyms.txt");
        assertThat(Files.exists(data.resolve("redis.password")))
                .as("the embedded Redis had started")
                .isTrue();
        assertThat(Files.exists(data.resolve("redis.url")))
                .as("and was shut down on exit")
                .isFalse();
    }

    @Test
    void badConfig_exitsWith2NamingFileAndKey() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "server:\n  port: -1\n");

        Run run = run(Map.of(), "", "serve", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml").contains("server.port").contains("-1");
    }

    @Test
    void help_isAvailableOnEachCommand() throws Exception {
        for (String command : List.of("serve", "chat")) {
            Run run = run(Map.of(), "", command, "--help");
            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("Usage:").contains(command);
        }
        assertThat(run(Map.of(), "", "--help").out()).contains("serve").contains("chat");
        assertThat(run(Map.of(), "", "no-such-command").exit()).isEqualTo(2);
    }

    /** The environment the compose file gives the shangliang service, with the redis host pointed at ours. */
    @Test
    void chat_fromAnEmptyDirectory_runsOnTheDefaultsBuiltIntoTheJar() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Process process =
                startIn(empty, Map.of("SHANGLIANG_DATA", empty.resolve("data").toString()), "chat");
        process.getOutputStream().write("你好\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("finished").isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(err).isZero();
        assertThat(out).contains("您好");
        try (var files = Files.list(empty)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("data");
        }
    }

    @Test
    void jar_startsWithTheComposeEnvironment() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(new File("docker-compose.yml"));
        JsonNode environment = compose.path("services").path("shangliang").path("environment");
        assertThat(environment.isObject())
                .as("services.shangliang.environment is a mapping")
                .isTrue();
        try (TestRedis redis = TestRedis.start()) {
            Map<String, String> env = new HashMap<>();
            environment
                    .properties()
                    .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            URI composeRedis = URI.create(env.get("REDIS_URL"));
            URI ours = URI.create(redis.url());
            String password = ours.getRawUserInfo() == null ? "" : ours.getRawUserInfo() + "@";
            env.put(
                    "REDIS_URL",
                    "redis://" + password + ours.getHost() + ":" + ours.getPort() + composeRedis.getPath());
            int port = Integer.parseInt(env.get("PORT"));
            Process server = start(env);
            try {
                HttpClient http = HttpClient.newHttpClient();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .ignoreExceptions()
                        .until(() -> http.send(
                                                HttpRequest.newBuilder(
                                                                URI.create("http://127.0.0.1:" + port + "/ready"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200);
                assertThat(server.isAlive()).isTrue();
            } finally {
                server.destroy();
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
