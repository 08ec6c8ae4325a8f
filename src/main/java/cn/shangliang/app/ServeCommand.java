package cn.shangliang.app;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the server: HTTP (web chat, webhooks, API, metrics) and the message pipeline.")
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config = new ConfigOption();

    @Override
    public Integer call() throws InterruptedException {
        AppConfig cfg = config.load();
        Application app = Application.server(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        try {
            app.startPipeline().startHttp();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        stopped.await();
        return 0;
    }
}
