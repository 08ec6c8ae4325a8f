package cn.shangliang.app;

import cn.shangliang.store.EmbeddedRedis;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code shangliang} command line. Without a subcommand it serves. Exit codes: 0 ok, 1 failure, 2 bad usage. */
@Command(
        name = "shangliang",
        mixinStandardHelpOptions = true,
        version = "shangliang 0.1.0",
        description = "Chat assistant of the 有事好商量 consultation rooms. Without a command: serve.",
        subcommands = {
            ServeCommand.class,
            ChatCommand.class,
            EvalMatchCommand.class,
            EvalIntentsCommand.class,
            EvalRoutingCommand.class,
            ImportTopicsCommand.class,
            ReportCommand.class,
            JobsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {

    @Override
    public Integer call() {
        return new CommandLine(new ServeCommand()).execute();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Shangliang's exit codes for configuration and start-up errors. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof EmbeddedRedis.DataDirInUseException) {
                cmd.getErr().println("shangliang: " + e.getMessage());
                return 2;
            }
            cmd.getErr().println("shangliang: " + e);
            e.printStackTrace(cmd.getErr());
            return 1;
        });
        return cli;
    }
}
