package cn.shangliang.web;

import cn.shangliang.channel.webchat.WebChatConnection;
import cn.shangliang.channel.webchat.WebChatHub;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Binds Javalin's WebSocket events of {@code /ws/chat} to the {@link WebChatHub}. */
final class WebChatSocket {

    private final WebChatHub hub;
    private final Map<String, Connection> bySession = new ConcurrentHashMap<>();

    WebChatSocket(WebChatHub hub) {
        this.hub = hub;
    }

    private record Connection(WsContext ctx, String userId) implements WebChatConnection {
        @Override
        public void send(String json) {
            if (ctx.session.isOpen()) {
                synchronized (this) {
                    ctx.send(json);
                }
            }
        }

        @Override
        public void close(int status, String reason) {
            ctx.closeSession(status, reason);
        }
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            String user = ctx.queryParam("uid");
            if (user == null || !WebChatHub.USER_ID.matcher(user).matches()) {
                ctx.closeSession(1008, "uid must be 8-64 letters, digits, _ or -");
                return;
            }
            ctx.enableAutomaticPings();
            Connection connection = new Connection(ctx, user);
            bySession.put(ctx.sessionId(), connection);
            hub.connected(connection, ctx.queryParam("place"), ctx.queryParam("since"));
        });
        ws.onMessage(ctx -> {
            Connection connection = bySession.get(ctx.sessionId());
            if (connection != null) {
                hub.received(connection, ctx.message());
            }
        });
        ws.onClose(ctx -> {
            Connection connection = bySession.remove(ctx.sessionId());
            if (connection != null) {
                hub.disconnected(connection);
            }
        });
        ws.onError(ctx -> {
            Connection connection = bySession.remove(ctx.sessionId());
            if (connection != null) {
                hub.disconnected(connection);
            }
        });
    }
}
