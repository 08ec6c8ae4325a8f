package cn.shangliang.channel.wechat;

import static cn.shangliang.testing.FakeWeixinApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shangliang.app.Application;
import cn.shangliang.testing.FakeWeixinApi;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestRedis;
import cn.shangliang.testing.WxPeer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Official Account end to end, in safe mode with callbacks made by the independent wechat-crypto peer (which also
 * decrypts and checks our encrypted welcome), and in plain mode; replies at a fake customer-service API.
 */
class WeChatIT {

    static final String TOKEN = "pamtest";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";
    static final String OPENID = "o9AgO5Kd5ggOC-bXrbNODIiE3bGY";

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private TestRedis redis;
    private FakeWeixinApi api;
    private Application app;
    private String base;

    /** Starts the server with the Official Account in safe mode (with an EncodingAESKey) or plain mode. */
    private void start(boolean safeMode) {
        redis = TestRedis.start();
        api = new FakeWeixinApi();
        String yaml = TestConfig.serverYaml(redis.url(), dir.resolve("data")) + "channels:\n  wechat:\n    base_url: \""
                + api.baseUrl() + "\"\n";
        Map<String, String> env = new HashMap<>(
                Map.of("WECHAT_TOKEN", TOKEN, "WECHAT_APP_ID", APP_ID, "WECHAT_APP_SECRET", "app-secret"));
        if (safeMode) {
            env.put("WECHAT_AES_KEY", AES_KEY);
        }
        app = Application.server(TestConfig.load(dir, yaml, env))
                .startPipeline()
                .startHttp();
        base = "http://127.0.0.1:" + app.httpPort() + "/webhook/wechat";
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
            api.close();
            redis.close();
        }
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> send(String method, Map<String, String> params, String body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + "?" + query(params)));
        builder = method.equals("GET")
                ? builder.GET()
                : builder.header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(String msgId, String content) {
        return "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[" + OPENID
                + "]]></FromUserName><CreateTime>1764130000</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    private static final String SUBSCRIBE = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName>"
            + "<![CDATA[" + OPENID + "]]></FromUserName><CreateTime>1764130000</CreateTime>"
            + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>";

    /** Safe-mode query: plain signature, openid, encrypt_type=aes and the peer's msg_signature. */
    private static Map<String, String> safeQuery(String timestamp, String nonce, String msgSignature) {
        Map<String, String> q = new HashMap<>();
        q.put("signature", WxPeer.signPlain(TOKEN, timestamp, nonce));
        q.put("timestamp", timestamp);
        q.put("nonce", nonce);
        q.put("openid", OPENID);
        q.put("encrypt_type", "aes");
        q.put("msg_signature", msgSignature);
        return q;
    }

    private HttpResponse<String> postSafe(String timestamp, String nonce, String message) throws Exception {
        WxPeer.Encrypted e = WxPeer.encrypt(TOKEN, AES_KEY, APP_ID, timestamp, nonce, message);
        return send("POST", safeQuery(timestamp, nonce, e.signature()), e.body("gh_97417a04a28d"));
    }

    private static Map<String, String> plainQuery(String timestamp, String nonce) {
        return Map.of(
                "signature",
                WxPeer.signPlain(TOKEN, timestamp, nonce),
                "timestamp",
                timestamp,
                "nonce",
                nonce,
                "openid",
                OPENID);
    }

    @Test
    void serverCheck_echoesEchostr() throws Exception {
        start(true);
        Map<String, String> q = new HashMap<>(plainQuery("1764130000", "42"));
        q.put("echostr", "5837397520865361");

        var response = send("GET", q, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("5837397520865361");
    }

    @Test
    void safeModeText_fromTheNodePeer_isAnsweredThroughCustomService() throws Exception {
        start(true);

        var response = postSafe("1764130001", "11", text("24000000000000001", "你好"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("success");
        var request = api.nextSend();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/cgi-bin/message/custom/send");
        assertThat(body(request).get("touser").asText()).isEqualTo(OPENID);
        assertThat(body(request).get("text").get("content").asText()).contains("您好");
        assertThat(api.tokenRequest().getUrl().queryParameter("appid")).isEqualTo(APP_ID);
    }

    @Test
    void subscribe_inSafeMode_getsAnEncryptedWelcome_thatThePeerDecryptsAndVerifies() throws Exception {
        start(true);

        var response = postSafe("1764130002", "12", SUBSCRIBE);

        assertThat(response.statusCode()).isEqualTo(200);
        WxPeer.Opened opened = WxPeer.decryptReply(TOKEN, AES_KEY, APP_ID, response.body());
        assertThat(opened.signatureOk())
                .as("reply signature checked by wechat-crypto")
                .isTrue();
        assertThat(opened.id()).isEqualTo(APP_ID);
        assertThat(opened.message())
                .contains("<ToUserName><![CDATA[" + OPENID + "]]></ToUserName>")
                .contains("<FromUserName><![CDATA[gh_97417a04a28d]]></FromUserName>")
                .contains("<MsgType><![CDATA[text]]></MsgType>")
                .contains("您好");
        assertThat(cn.shangliang.testing.Pipes.inbound(redis.client())).isZero();
    }

    @Test
    void plainMode_textAndSubscribe() throws Exception {
        start(false);

        var welcome = send("POST", plainQuery("1764130003", "13"), SUBSCRIBE);
        var response = send("POST", plainQuery("1764130004", "14"), text("24000000000000002", "你好"));

        assertThat(welcome.body())
                .startsWith("<xml>\n<ToUserName><![CDATA[" + OPENID)
                .contains("您好");
        assertThat(response.body()).isEqualTo("success");
        assertThat(body(api.nextSend()).get("touser").asText()).isEqualTo(OPENID);
    }

    @Test
    void outsideThe48HourWindow_isDeadLetteredWithoutRetries() throws Exception {
        start(true);
        api.answerSends("{\"errcode\":45015,\"errmsg\":\"response out of time limit or subscription is canceled\"}");

        postSafe("1764130005", "15", text("24000000000000003", "你好"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> cn.shangliang.testing.Pipes.outboundDead(redis.client()) == 1);
        assertThat(api.sendCount()).isEqualTo(1);
    }

    @Test
    void replayedMsgId_isAnsweredOnce() throws Exception {
        start(true);
        String message = text("24000000000000004", "你好");

        assertThat(postSafe("1764130006", "16", message).body()).isEqualTo("success");
        assertThat(postSafe("1764130007", "17", message).body()).isEqualTo("success");
        assertThat(postSafe("1764130008", "18", text("24000000000000005", "谢谢")).body())
                .isEqualTo("success");

        String first = body(api.nextSend()).get("text").get("content").asText();
        String second = body(api.nextSend()).get("text").get("content").asText();
        assertThat(first).contains("您好");
        assertThat(second).doesNotContain("有什么事想和大家商量"); // the thanks reply, not a second greeting
    }

    @Test
    void badCallbacks_areRefused_andQueueNothing() throws Exception {
        start(true);
        String message = text("24000000000000006", "你好");
        WxPeer.Encrypted good = WxPeer.encrypt(TOKEN, AES_KEY, APP_ID, "1764130009", "19", message);
        WxPeer.Encrypted otherApp = WxPeer.encrypt(TOKEN, AES_KEY, "wxotherapp", "1764130009", "19", message);

        assertThat(send("POST", safeQuery("1764130009", "19", "0".repeat(40)), good.body("gh"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("POST", safeQuery("1764130009", "19", otherApp.signature()), otherApp.body("gh"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(
                                "POST",
                                safeQuery("1764130009", "19", good.signature()),
                                "<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + good.body("gh"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("POST", plainQuery("1764130009", "19"), message).statusCode())
                .as("plain mode while an EncodingAESKey is set")
                .isEqualTo(401);
        assertThat(send("POST", safeQuery("1764130009", "19", good.signature()), "x".repeat(70_000))
                        .statusCode())
                .isEqualTo(413);

        assertThat(cn.shangliang.testing.Pipes.inbound(redis.client())).isZero();
        assertThat(cn.shangliang.testing.Pipes.seenIds(redis.client(), "wechat"))
                .doesNotContain("24000000000000006");
        assertThat(api.sendCount()).isZero();
    }
}
