package cn.shangliang.app;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by the commands that read the configuration. */
public final class ConfigOption {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "configuration file (default: $SHANGLIANG_CONFIG or config/shangliang.yaml)")
    Path file;

    public AppConfig load() {
        Map<String, String> env = System.getenv();
        Path path = file != null ? file : Path.of(env.getOrDefault("SHANGLIANG_CONFIG", "config/shangliang.yaml"));
        return new ConfigLoader(env).load(path);
    }
}
