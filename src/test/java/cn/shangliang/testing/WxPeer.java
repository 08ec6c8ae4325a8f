package cn.shangliang.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The independent "platform side" of the WeCom / WeChat ITs: {@code src/test/node/wx-peer.js} on the npm package
 * {@code wechat-crypto} 0.0.2 (pinned in package-lock.json), run with Node through {@link ProcessBuilder}. Installs the
 * package with {@code npm ci} on first use when {@code .ci/run} has not already done it.
 */
public final class WxPeer {

    private static final Path DIR = Path.of("src/test/node");
    /** What node and npm print, for a failing run (never the test JVM's own streams). */
    private static final Path LOG = Path.of("target/wx-peer.log");

    private static final ObjectMapper JSON = new ObjectMapper();

    private WxPeer() {}

    /** An encrypted, signed callback. */
    public record Encrypted(String encrypt, String signature) {
        /** The callback body as WeCom / WeChat send it. */
        public String body(String toUserName) {
            return "<xml><ToUserName><![CDATA[" + toUserName + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
                    + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";
        }
    }

    /** A reply envelope as the peer read it. */
    public record Opened(boolean signatureOk, String message, String id, String timestamp, String nonce) {}

    public static Encrypted encrypt(
            String token, String aesKey, String id, String timestamp, String nonce, String message) {
        JsonNode out = run(
                "encrypt",
                Map.of(
                        "token",
                        token,
                        "aesKey",
                        aesKey,
                        "id",
                        id,
                        "timestamp",
                        timestamp,
                        "nonce",
                        nonce,
                        "message",
                        message));
        return new Encrypted(out.get("encrypt").asText(), out.get("signature").asText());
    }

    public static Opened decryptReply(String token, String aesKey, String id, String envelope) {
        JsonNode out = run("decrypt-reply", Map.of("token", token, "aesKey", aesKey, "id", id, "envelope", envelope));
        return new Opened(
                out.get("signatureOk").asBoolean(),
                out.get("message").asText(),
                out.get("id").asText(),
                out.get("timestamp").asText(),
                out.get("nonce").asText());
    }

    public static String signPlain(String token, String timestamp, String nonce) {
        return run("sign-plain", Map.of("token", token, "timestamp", timestamp, "nonce", nonce))
                .get("signature")
                .asText();
    }

    private static JsonNode run(String command, Map<String, String> input) {
        installed();
        try {
            Process process = new ProcessBuilder("node", "wx-peer.js", command)
                    .directory(DIR.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
                    .start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(JSON.writeValueAsBytes(new LinkedHashMap<>(input)));
            }
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(30, TimeUnit.SECONDS))
                    .as("node finished")
                    .isTrue();
            assertThat(process.exitValue())
                    .as("node wx-peer.js " + command + " exit code")
                    .isZero();
            return JSON.readTree(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node (Node.js 18+ is needed for the WeCom/WeChat ITs)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code npm ci} once, when the package is not there yet. */
    private static synchronized void installed() {
        if (Files.isDirectory(DIR.resolve("node_modules/wechat-crypto"))) {
            return;
        }
        try {
            // never inherit the test JVM's stdin/stdout: the build tool talks to the JVM over them, and node makes an
            // inherited stdin non-blocking ("std/in stream corrupted")
            Process npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
                    .directory(DIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
                    .start();
            npm.getOutputStream().close();
            assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm ci finished").isTrue();
            assertThat(npm.exitValue()).as("npm ci in " + DIR).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run npm (install Node.js and npm)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
