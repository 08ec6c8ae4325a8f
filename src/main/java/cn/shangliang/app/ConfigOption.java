package cn.shangliang.app;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by the commands that read the configuration. */
public final class ConfigOption {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "configuration file (default: $SHANGLIANG_CONFIG, else config/shangliang.yaml when there is one,"
                            + " else the sample configuration built into the jar)")
    Path file;

    public AppConfig load() {
        Map<String, String> env = System.getenv();
        ConfigLoader loader = new ConfigLoader(env);
        if (file != null) {
            return loader.load(file);
        }
        String configured = env.getOrDefault("SHANGLIANG_CONFIG", "");
        if (!configured.isBlank()) {
            return loader.load(Path.of(configured));
        }
        Path local = Path.of(BuiltIn.CONFIG);
        return java.nio.file.Files.isRegularFile(local) ? loader.load(local) : loader.loadBuiltIn();
    }
}
