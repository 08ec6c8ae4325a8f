package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.Application;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestRedis;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection limits at the WebSocket upgrade, on a server configured with small ones. */
class WebChatLimitsIT {

    @TempDir
    Path dir;

    private TestRedis redis;
    private Application app;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        String yaml = TestConfig.serverYaml(redis.url(), dir.resolve("data")) + """
                channels:
                  webchat:
                    max_connections_per_minute_per_address: 2
                    max_connections_per_minute_total: 3
                    client_address_header: X-Forwarded-For
                """;
        app = Application.server(TestConfig.load(dir, yaml, Map.of()))
                .startPipeline()
                .startHttp();
    }

    @AfterEach
    void stop() {
        app.close();
        redis.close();
    }

    /** The status line and headers of a WebSocket upgrade request from {@code address}. */
    private String upgrade(String address) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.httpPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ws/chat?uid=limit-test-0001 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + "Sec-WebSocket-Version: 13\r\nX-Forwarded-For: " + address + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().contains("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            return head.toString();
        }
    }

    @Test
    void newConnections_overTheAddressLimit_get429_overEveryones_get503() throws Exception {
        assertThat(upgrade("10.1.1.1")).startsWith("HTTP/1.1 101");
        assertThat(upgrade("10.1.1.1")).startsWith("HTTP/1.1 101");
        String refused = upgrade("10.1.1.1");
        assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After:");

        assertThat(upgrade("10.2.2.2")).startsWith("HTTP/1.1 101");
        assertThat(upgrade("10.3.3.3")).startsWith("HTTP/1.1 503");
    }
}
