package cn.shangliang.web;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.Application;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A whole server (pipeline and HTTP on a free port) on a test Redis, for one test class. */
final class WebTestServer implements AutoCloseable {

    private final TestRedis redis;
    private final Application app;

    private WebTestServer(TestRedis redis, Application app) {
        this.redis = redis;
        this.app = app;
    }

    static WebTestServer start() {
        return start("", Map.of());
    }

    /** With more configuration (e.g. {@code rooms:}, {@code people:}) and environment variables (tokens). */
    static WebTestServer start(String moreYaml, Map<String, String> env) {
        TestRedis redis = TestRedis.start();
        try {
            Path dir = Files.createTempDirectory("shangliang-web");
            AppConfig appConfig =
                    TestConfig.load(dir, TestConfig.serverYaml(redis.url(), dir.resolve("data")) + moreYaml, env);
            return new WebTestServer(
                    redis, Application.server(appConfig).startPipeline().startHttp());
        } catch (IOException e) {
            redis.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    int port() {
        return app.httpPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    Application app() {
        return app;
    }

    TestRedis redis() {
        return redis;
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            redis.close();
        }
    }
}
