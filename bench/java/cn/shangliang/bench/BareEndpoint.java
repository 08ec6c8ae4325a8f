package cn.shangliang.bench;

import io.javalin.Javalin;

/**
 * The baseline: a bare Javalin server with default settings whose only route answers 200 to a POST on the generic
 * webhook path, doing nothing else. What Shangliang costs is measured against it.
 */
final class BareEndpoint implements AutoCloseable {

    private final Javalin app;

    BareEndpoint(int port) {
        this.app = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.jetty.host = "127.0.0.1";
                    config.jetty.port = port;
                    config.routes.post("/webhook/generic", ctx -> ctx.status(200));
                })
                .start();
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
