package cn.shangliang.bench;

import cn.shangliang.channel.generic.GenericSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Receives Shangliang's replies ({@code POST /reply}, {@code {"user_id","text","in_reply_to"}}) on plain keep-alive
 * sockets, one generator thread per connection; checks each signature and hands {@code in_reply_to} to the
 * {@link ReplyTracker}. A bad signature is answered 401 and counted. Kept this small because it runs on the same
 * cores as the server it measures.
 */
final class ReplyReceiver implements AutoCloseable {

    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNAUTHORIZED =
            "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String IN_REPLY_TO = "\"in_reply_to\":\"";

    private final ServerSocket server;
    private final GenericSignature signature;
    private final GeneratorThreads threads;
    private volatile ReplyTracker tracker = new ReplyTracker();
    private volatile boolean open = true;

    ReplyReceiver(int port, GenericSignature signature, GeneratorThreads threads) throws IOException {
        this.signature = signature;
        this.threads = threads;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        threads.start("reply-accept", this::acceptLoop);
    }

    private void acceptLoop() {
        int n = 0;
        while (open) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                threads.start("reply-" + n++, () -> serve(socket));
            } catch (IOException e) {
                if (open) {
                    System.err.println("reply receiver: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            HttpWire wire = new HttpWire(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            HttpWire.Message m = new HttpWire.Message();
            while (wire.read(m, true)) {
                long now = System.nanoTime();
                ReplyTracker t = this.tracker;
                if (!signature.verify(m.body, m.signature)) {
                    t.badSignature();
                    out.write(UNAUTHORIZED);
                    continue;
                }
                t.replied(inReplyTo(m.body), now);
                out.write(OK);
            }
        } catch (IOException e) {
            // the sender closed the connection
        }
    }

    /** The {@code in_reply_to} value; message ids are plain ASCII, so no JSON unescaping is needed. */
    static String inReplyTo(byte[] body) {
        String json = new String(body, StandardCharsets.UTF_8);
        int at = json.indexOf(IN_REPLY_TO);
        if (at < 0) {
            return "";
        }
        int from = at + IN_REPLY_TO.length();
        int to = json.indexOf('"', from);
        return to < 0 ? "" : json.substring(from, to);
    }

    /** Replies from now on go to {@code next}. */
    void use(ReplyTracker next) {
        this.tracker = next;
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
    }
}
