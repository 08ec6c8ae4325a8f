package cn.shangliang.channel.wecom;

import static cn.shangliang.testing.FakeWeixinApi.body;
import static cn.shangliang.testing.FakeWeixinApi.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shangliang.app.Application;
import cn.shangliang.testing.FakeWeixinApi;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestRedis;
import cn.shangliang.testing.WxPeer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WeCom end to end: callbacks in (the official vectors, and callbacks made by the independent wechat-crypto peer),
 * durable queue, dialogue, reply at a fake {@code message/send}; token refresh, retries, dead letters; refusals.
 */
class WeComIT {

    static final String TOKEN = "QDG6eK";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String CORP_ID = "wx5823bf96d3bd56c7";

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private TestRedis redis;
    private FakeWeixinApi api;
    private Application app;
    private String base;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        api = new FakeWeixinApi();
        String yaml = TestConfig.serverYaml(redis.url(), dir.resolve("data")) + "channels:\n  wecom:\n    base_url: \""
                + api.baseUrl() + "\"\n";
        var config = TestConfig.load(
                dir,
                yaml,
                Map.of(
                        "WECOM_TOKEN", TOKEN,
                        "WECOM_AES_KEY", AES_KEY,
                        "WECOM_CORP_ID", CORP_ID,
                        "WECOM_SECRET", "corp-secret",
                        "WECOM_AGENT_ID", "218"));
        app = Application.server(config).startPipeline().startHttp();
        base = "http://127.0.0.1:" + app.httpPort() + "/webhook/wecom";
    }

    @AfterEach
    void stop() {
        app.close();
        api.close();
        redis.close();
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> get(Map<String, String> params) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "?" + query(params))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Map<String, String> params, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "?" + query(params)))
                        .header("Content-Type", "text/xml")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String textMessage(String msgId, String from, String content) {
        return "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName>\n<FromUserName><![CDATA[" + from
                + "]]></FromUserName>\n<CreateTime>1764130000</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n"
                + "<Content><![CDATA[" + content + "]]></Content>\n<MsgId>" + msgId
                + "</MsgId>\n<AgentID>218</AgentID>\n"
                + "</xml>";
    }

    /** POSTs a callback encrypted and signed by the wechat-crypto peer. */
    private HttpResponse<String> postFromPeer(String corpId, String timestamp, String nonce, String message)
            throws Exception {
        WxPeer.Encrypted e = WxPeer.encrypt(TOKEN, AES_KEY, corpId, timestamp, nonce, message);
        return post(Map.of("msg_signature", e.signature(), "timestamp", timestamp, "nonce", nonce), e.body(corpId));
    }

    private long inbound() {
        return cn.shangliang.testing.Pipes.inbound(redis.client());
    }

    @Test
    void officialVectorA_urlVerification_answersTheEchostrPlaintextExactly() throws Exception {
        var response = get(Map.of(
                "msg_signature", "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
                "timestamp", "1409659589",
                "nonce", "263014780",
                "echostr", "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1616140317555161061");
        assertThat(inbound()).isZero();
    }

    @Test
    void officialVectorB_from2014_isQueuedAndAnsweredThroughMessageSend() throws Exception {
        var response = post(
                Map.of(
                        "msg_signature",
                        "477715d11cdb4164915debcba66cb864d751f3e6",
                        "timestamp",
                        "1409659813",
                        "nonce",
                        "1372623149"),
                new WxPeer.Encrypted(
                                "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj9"
                                        + "11L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgp"
                                        + "ue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+K"
                                        + "qCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4"
                                        + "XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uy"
                                        + "PIGHBZZIs2pDBS8R07+qN+E7Q==",
                                "")
                        .body(CORP_ID));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        JsonNode send = body(api.nextSend());
        assertThat(send.get("touser").asText()).isEqualTo("mycreate");
        assertThat(send.get("agentid").asInt()).isEqualTo(218);
        assertThat(send.get("msgtype").asText()).isEqualTo("text");
        assertThat(send.get("text").get("content").asText()).isNotBlank();
    }

    @Test
    void callbackMadeByTheNodePeer_isAnsweredToTheMember() throws Exception {
        var response = postFromPeer(CORP_ID, "1764130000", "91234", textMessage("7000000000000000001", "lisi", "你好"));

        assertThat(response.statusCode()).isEqualTo(200);
        var send = api.nextSend();
        assertThat(send.getUrl().encodedPath()).isEqualTo("/cgi-bin/message/send");
        assertThat(body(send).get("touser").asText()).isEqualTo("lisi");
        assertThat(body(send).get("text").get("content").asText()).contains("您好");
        assertThat(api.tokenRequest().getUrl().queryParameter("corpsecret")).isEqualTo("corp-secret");
    }

    @Test
    void invalidThenExpiredToken_areRefreshedOnceEach_andBothRepliesDelivered() throws Exception {
        api.answerSends(
                "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}",
                "{\"errcode\":0,\"errmsg\":\"ok\"}",
                "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");

        postFromPeer(CORP_ID, "1764130001", "1", textMessage("7000000000000000011", "lisi", "你好"));
        assertThat(token(api.nextSend())).isEqualTo("token-1");
        assertThat(token(api.nextSend())).isEqualTo("token-2");
        postFromPeer(CORP_ID, "1764130002", "2", textMessage("7000000000000000012", "lisi", "谢谢"));
        assertThat(token(api.nextSend())).isEqualTo("token-2");
        assertThat(token(api.nextSend())).isEqualTo("token-3");

        assertThat(api.tokenFetches()).isEqualTo(3);
        assertThat(cn.shangliang.testing.Pipes.outboundDead(redis.client())).isZero();
    }

    @Test
    void serverErrorThenSuccess_theDispatcherRetriesTheReply() throws Exception {
        api.answerSend(502, "bad gateway");

        postFromPeer(CORP_ID, "1764130003", "3", textMessage("7000000000000000021", "lisi", "你好"));

        String first = body(api.nextSend()).get("text").get("content").asText();
        String second = body(api.nextSend()).get("text").get("content").asText();
        assertThat(second).isEqualTo(first);
        assertThat(cn.shangliang.testing.Pipes.outboundDead(redis.client())).isZero();
    }

    @Test
    void invalidUser_isDeadLetteredWithoutRetries() throws Exception {
        api.answerSends("{\"errcode\":81013,\"errmsg\":\"user & party & tag all invalid\"}");

        postFromPeer(CORP_ID, "1764130004", "4", textMessage("7000000000000000031", "nobody", "你好"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> cn.shangliang.testing.Pipes.outboundDead(redis.client()) == 1);
        assertThat(api.sendCount()).isEqualTo(1);
    }

    @Test
    void replayedMsgId_isQueuedOnce_andAnsweredOnce() throws Exception {
        String message = textMessage("7000000000000000041", "lisi", "你好");

        assertThat(postFromPeer(CORP_ID, "1764130005", "5", message).statusCode())
                .isEqualTo(200);
        // WeCom's retry, or a replay of a captured request, with a new signature, timestamp and nonce
        assertThat(postFromPeer(CORP_ID, "1764130099", "6", message).statusCode())
                .isEqualTo(200);
        assertThat(postFromPeer(CORP_ID, "1764130100", "7", textMessage("7000000000000000042", "wangwu", "你好"))
                        .statusCode())
                .isEqualTo(200);

        assertThat(body(api.nextSend()).get("touser").asText()).isEqualTo("lisi");
        // the next reply is the other message's: the replay produced none
        assertThat(body(api.nextSend()).get("touser").asText()).isEqualTo("wangwu");
    }

    @Test
    void badCallbacks_areRefused_andQueueNothing() throws Exception {
        String message = textMessage("7000000000000000051", "lisi", "你好");
        WxPeer.Encrypted good = WxPeer.encrypt(TOKEN, AES_KEY, CORP_ID, "1764130006", "8", message);
        WxPeer.Encrypted otherCorp = WxPeer.encrypt(TOKEN, AES_KEY, "wwothercorp", "1764130006", "8", message);
        WxPeer.Encrypted doctypeInside = WxPeer.encrypt(
                TOKEN,
                AES_KEY,
                CORP_ID,
                "1764130006",
                "8",
                "<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + message.replace("你好", "&e;"));
        Map<String, String> signedGood =
                Map.of("msg_signature", good.signature(), "timestamp", "1764130006", "nonce", "8");

        assertThat(post(
                                Map.of("msg_signature", "0".repeat(40), "timestamp", "1764130006", "nonce", "8"),
                                good.body(CORP_ID))
                        .statusCode())
                .isEqualTo(401);
        assertThat(post(
                                Map.of("msg_signature", good.signature(), "timestamp", "1764130007", "nonce", "8"),
                                good.body(CORP_ID))
                        .statusCode())
                .isEqualTo(401);
        assertThat(post(
                                Map.of("msg_signature", otherCorp.signature(), "timestamp", "1764130006", "nonce", "8"),
                                otherCorp.body("wwothercorp"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(post(signedGood, "<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + good.body(CORP_ID))
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(
                                Map.of(
                                        "msg_signature",
                                        doctypeInside.signature(),
                                        "timestamp",
                                        "1764130006",
                                        "nonce",
                                        "8"),
                                doctypeInside.body(CORP_ID))
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(signedGood, "<xml><Encrypt>" + "A".repeat(70_000) + "</Encrypt></xml>")
                        .statusCode())
                .isEqualTo(413);
        assertThat(post(Map.of("timestamp", "1764130006", "nonce", "8"), good.body(CORP_ID))
                        .statusCode())
                .isEqualTo(400);

        assertThat(inbound()).isZero();
        assertThat(cn.shangliang.testing.Pipes.seenIds(redis.client(), "wecom"))
                .as("message id never recorded")
                .doesNotContain("7000000000000000051");
        assertThat(api.sendCount()).isZero();
    }
}
