package cn.shangliang.app;

import cn.shangliang.channel.terminal.TerminalChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        description = {
            "Talk to Shangliang on the terminal, through the same pipeline as every channel.",
            "One message per input line; replies are printed; ends at end of input (works in a pipe)."
        })
public final class ChatCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--user", paramLabel = "ID", description = "your user id (default: ${DEFAULT-VALUE})")
    String user = System.getProperty("user.name", "terminal");

    @Option(names = "--name", paramLabel = "NAME", description = "your display name")
    String name = "";

    @Option(names = "--place", paramLabel = "镇/村", description = "your place, e.g. 青阳镇/里庄村")
    String place = "";

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "how long to wait for the answer to a line (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 30;

    @Override
    public Integer call() throws Exception {
        AppConfig cfg = config.load();
        try (Application app = Application.command(cfg).startPipeline()) {
            TerminalChannel terminal = new TerminalChannel(
                    app.inboundQueue(), app.inbox(), app.clock(), Duration.ofSeconds(timeoutSeconds));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            int unanswered = terminal.converse(in, out, System.err, user, name, place);
            return unanswered == 0 ? 0 : 1;
        }
    }
}
