package cn.shangliang.testing;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds an {@link AppConfig} the way the application does: a YAML file plus environment variables. */
public final class TestConfig {

    private TestConfig() {}

    public static AppConfig load(Path dir, String yaml, Map<String, String> env) {
        try {
            Path file = Files.createTempFile(dir, "shangliang", ".yaml");
            Files.writeString(file, yaml);
            return new ConfigLoader(env).load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on a free port, on the given Redis, with fast reclaim for tests. */
    public static String serverYaml(String redisUrl, Path dataDir) {
        return """
                server:
                  port: 0
                  host: 127.0.0.1
                redis:
                  url: "%s"
                data_dir: "%s"
                pipeline:
                  reclaim_idle_seconds: 1
                  max_attempts: 3
                  backoff_initial_ms: 20
                  backoff_max_ms: 100
                regions:
                  - town: 青阳镇
                    code: QY
                    villages: [里庄村, 青阳社区]
                  - town: 璜土镇
                    code: HT
                    villages: [石庄村]
                """.formatted(redisUrl, dataDir);
    }
}
