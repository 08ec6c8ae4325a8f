package cn.shangliang.web;

import cn.shangliang.channel.webchat.WebChatConnection;
import cn.shangliang.channel.webchat.WebChatGate;
import cn.shangliang.channel.webchat.WebChatHub;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Binds Javalin's WebSocket events of {@code /ws/chat} to the {@link WebChatHub}. */
final class WebChatSocket {

    private final WebChatHub hub;
    private final Map<String, Connection> bySession = new ConcurrentHashMap<>();

    WebChatSocket(WebChatHub hub) {
        this.hub = hub;
    }

    private record Connection(WsContext ctx, String userId, String address) implements WebChatConnection {
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

    /**
     * Before the upgrade: the per-address and overall limits on new connections. Over the address's allowance → 429,
     * over everyone's → 503, each with {@code Retry-After} (seconds).
     */
    void beforeUpgrade(Context ctx) {
        String header = hub.addressHeader();
        String address = header.isEmpty() ? ctx.ip() : firstAddress(ctx.header(header), ctx.ip());
        switch (hub.admit(address)) {
            case WebChatGate.Verdict.Admitted a -> {}
            case WebChatGate.Verdict.Refused r -> {
                boolean busy = r.limit() == WebChatGate.Limit.TOTAL;
                ctx.header(
                        "Retry-After", Long.toString(Math.max(1, (r.retryAfter().toMillis() + 999) / 1000)));
                throw new HttpResponseException(
                        busy ? 503 : 429, busy ? "too busy, retry later" : "too many connections, retry later");
            }
        }
    }

    /** The client named first in a forwarding header ({@code X-Forwarded-For: client, proxy1}), else the peer. */
    private static String firstAddress(String value, String peer) {
        if (value == null || value.isBlank()) {
            return peer;
        }
        String first = value.split(",", 2)[0].strip();
        return first.isEmpty() || first.length() > 64 ? peer : first;
    }

    private String address(WsContext ctx) {
        String header = hub.addressHeader();
        SocketAddress remote = ctx.session.getRemoteSocketAddress();
        String peer = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(remote);
        return header.isEmpty() ? peer : firstAddress(ctx.header(header), peer);
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            String user = ctx.queryParam("uid");
            if (user == null || !WebChatHub.USER_ID.matcher(user).matches()) {
                ctx.closeSession(1008, "uid must be 8-64 letters, digits, _ or -");
                return;
            }
            ctx.enableAutomaticPings();
            Connection connection = new Connection(ctx, user, address(ctx));
            bySession.put(ctx.sessionId(), connection);
            hub.connected(connection, ctx.queryParam("place"), ctx.queryParam("since"), ctx.queryParam("token"));
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
