package cn.shangliang.bench;

import cn.shangliang.channel.generic.GenericSignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * Receives Shangliang's replies ({@code POST /reply}, {@code {"user_id","text","in_reply_to"}}), checks their
 * signature and hands them to the {@link ReplyTracker}. A bad signature is answered 401 and counted.
 */
final class ReplyReceiver implements AutoCloseable {

    private final Javalin app;
    private final GenericSignature signature;
    private volatile ReplyTracker tracker = new ReplyTracker();
    private final ObjectMapper mapper = new ObjectMapper();

    ReplyReceiver(int port, GenericSignature signature) {
        this.signature = signature;
        this.app = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.jetty.host = "127.0.0.1";
                    config.jetty.port = port;
                    config.routes.post("/reply", this::reply);
                })
                .start();
    }

    private void reply(Context ctx) throws IOException {
        long now = System.nanoTime();
        ReplyTracker tracker = this.tracker;
        byte[] body = ctx.bodyAsBytes();
        if (!signature.verify(body, ctx.header(GenericSignature.HEADER))) {
            tracker.badSignature();
            ctx.status(401);
            return;
        }
        JsonNode inReplyTo = mapper.readTree(body).get("in_reply_to");
        tracker.replied(inReplyTo == null ? "" : inReplyTo.asText(), now);
        ctx.status(200);
    }

    /** Replies from now on go to {@code next}. */
    void use(ReplyTracker next) {
        this.tracker = next;
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
