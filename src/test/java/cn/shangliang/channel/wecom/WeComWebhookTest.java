package cn.shangliang.channel.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.WebhookAdapter.Request;
import cn.shangliang.channel.WebhookAdapter.Verdict;
import cn.shangliang.channel.weixin.WxBizMsgCrypt;
import cn.shangliang.testing.Gen;
import cn.shangliang.testing.Properties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The WeCom callback on the official vectors A and B (2014 timestamps: no freshness window), and refusals. */
class WeComWebhookTest {

    private static final String TOKEN = "QDG6eK";
    private static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private static final String CORP_ID = "wx5823bf96d3bd56c7";
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final String VECTOR_B_BODY =
            "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA["
                    + "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3"
                    + "TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gs"
                    + "ijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUa"
                    + "x5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIG"
                    + "HBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";
    private static final Map<String, String> VECTOR_B_QUERY = Map.of(
            "msg_signature", "477715d11cdb4164915debcba66cb864d751f3e6",
            "timestamp", "1409659813",
            "nonce", "1372623149");

    private final WxBizMsgCrypt crypt = new WxBizMsgCrypt(TOKEN, AES_KEY, CORP_ID, new Random(7));
    private final WeComWebhook webhook = new WeComWebhook(crypt);

    private static Request get(Map<String, String> query) {
        return new Request("GET", query, Map.of(), new byte[0], NOW);
    }

    private static Request post(Map<String, String> query, String body) {
        return new Request("POST", query, Map.of(), body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void vectorA_urlVerification_answersTheDecryptedEchostrExactly() {
        Verdict verdict = webhook.handle(get(Map.of(
                "msg_signature", "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
                "timestamp", "1409659589",
                "nonce", "263014780",
                "echostr",
                        "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==")));

        assertThat(verdict).isInstanceOf(Verdict.Answer.class);
        var response = ((Verdict.Answer) verdict).response();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1616140317555161061".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void urlVerification_plusDecodedAsSpace_isStillAccepted() {
        Verdict verdict = webhook.handle(get(Map.of(
                "msg_signature", "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
                "timestamp", "1409659589",
                "nonce", "263014780",
                "echostr",
                        "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp 4RPcs8TgAE7OaBO FZXvnaqQ==")));

        assertThat(verdict).isInstanceOf(Verdict.Answer.class);
    }

    @Test
    void vectorB_textMessage_becomesAnInboundAnsweredWithAnEmpty200() {
        Verdict verdict = webhook.handle(post(VECTOR_B_QUERY, VECTOR_B_BODY));

        assertThat(verdict).isInstanceOf(Verdict.Enqueue.class);
        var enqueue = (Verdict.Enqueue) verdict;
        assertThat(enqueue.message())
                .isEqualTo(new Inbound("wecom", "4561255354251345929", "mycreate", "", "hello", NOW, Map.of()));
        assertThat(enqueue.accepted().status()).isEqualTo(200);
        assertThat(enqueue.accepted().body()).isEmpty();
        assertThat(enqueue.duplicate().status()).isEqualTo(200);
    }

    @Test
    void wrongSignature_isRefused401() {
        var query = Map.of(
                "msg_signature",
                "477715d11cdb4164915debcba66cb864d751f3e7",
                "timestamp",
                "1409659813",
                "nonce",
                "1372623149");

        assertRejected(webhook.handle(post(query, VECTOR_B_BODY)), 401);
        assertRejected(
                webhook.handle(post(
                        Map.of(
                                "msg_signature",
                                "477715d11cdb4164915debcba66cb864d751f3e6",
                                "timestamp",
                                "1409659814",
                                "nonce",
                                "1372623149"),
                        VECTOR_B_BODY)),
                401);
    }

    @Test
    void otherCorpsMessage_withAValidSignature_isRefused401() {
        var otherCorp = new WxBizMsgCrypt(TOKEN, AES_KEY, "wwsomeoneelse", new Random(1));
        String encrypt = otherCorp.encrypt("<xml><MsgType>text</MsgType><MsgId>1</MsgId>"
                + "<FromUserName>x</FromUserName><Content>hi</Content></xml>");
        var query = Map.of("msg_signature", crypt.signature("1", "2", encrypt), "timestamp", "1", "nonce", "2");

        assertRejected(webhook.handle(post(query, "<xml><Encrypt>" + encrypt + "</Encrypt></xml>")), 401);
    }

    @Test
    void doctype_outsideOrInsideTheEncryption_isRefused400() {
        assertRejected(
                webhook.handle(post(
                        VECTOR_B_QUERY,
                        "<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                + VECTOR_B_BODY.replace("<AgentID>", "<Evil>&x;</Evil><AgentID>"))),
                400);

        String encrypt = crypt.encrypt("<!DOCTYPE xml><xml><MsgType>text</MsgType><MsgId>9</MsgId>"
                + "<FromUserName>x</FromUserName><Content>hi</Content></xml>");
        var query = Map.of("msg_signature", crypt.signature("1", "2", encrypt), "timestamp", "1", "nonce", "2");
        assertRejected(webhook.handle(post(query, "<xml><Encrypt>" + encrypt + "</Encrypt></xml>")), 400);
    }

    @Test
    void eventsAndOtherMessageTypes_areAcknowledgedAndNotQueued() {
        for (String inner : new String[] {
            "<xml><MsgType>event</MsgType><Event>enter_agent</Event><FromUserName>x</FromUserName></xml>",
            "<xml><MsgType>image</MsgType><MsgId>5</MsgId><FromUserName>x</FromUserName></xml>"
        }) {
            String encrypt = crypt.encrypt(inner);
            var query = Map.of("msg_signature", crypt.signature("1", "2", encrypt), "timestamp", "1", "nonce", "2");
            Verdict verdict = webhook.handle(post(query, "<xml><Encrypt>" + encrypt + "</Encrypt></xml>"));
            assertThat(verdict).isInstanceOf(Verdict.Answer.class);
            assertThat(((Verdict.Answer) verdict).response().status()).isEqualTo(200);
        }
    }

    @Test
    void missingParameters_badBodies_andOtherMethods_areRefused() {
        assertRejected(webhook.handle(post(Map.of("timestamp", "1", "nonce", "2"), VECTOR_B_BODY)), 400);
        assertRejected(webhook.handle(post(VECTOR_B_QUERY, "<xml><AgentID>1</AgentID></xml>")), 400);
        assertRejected(webhook.handle(post(VECTOR_B_QUERY, "not xml")), 400);
        assertRejected(webhook.handle(new Request("PUT", VECTOR_B_QUERY, Map.of(), new byte[0], NOW)), 405);
    }

    private static void assertRejected(Verdict verdict, int status) {
        assertThat(verdict).isInstanceOf(Verdict.Reject.class);
        assertThat(((Verdict.Reject) verdict).response().status()).isEqualTo(status);
    }

    /** Any query and body, signed or not: a 2xx or a 4xx answer, never an exception (which would be a 500). */
    @Test
    void handle_anyRequest_answers2xxOr4xx() {
        record Case(Map<String, String> query, String body, boolean get) {}
        Gen<Map<String, String>> queries = queries();
        Gen<String> bodies = xmlish();
        Gen<Case> cases = r -> new Case(queries.next(r), bodies.next(r), r.nextBoolean());
        Properties.forAll(cases, 200, c -> {
            var verdict = webhook.handle(c.get() ? get(c.query()) : post(c.query(), c.body()));
            assertThat(cn.shangliang.channel.WebhookVerdicts.status(verdict)).isBetween(200, 499);
        });
    }

    /** The signed envelope with any Encrypt payload: the signature matches, so the decryption itself is probed. */
    @Test
    void handle_signedAnyEncryptPayload_answers2xxOr4xx() {
        Properties.forAll(xmlish(), 200, encrypt -> {
            String body = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[" + encrypt
                    + "]]></Encrypt></xml>";
            var query = Map.of(
                    "msg_signature", crypt.signature("1409659813", "1372623149", encrypt),
                    "timestamp", "1409659813",
                    "nonce", "1372623149");
            assertThat(cn.shangliang.channel.WebhookVerdicts.status(webhook.handle(post(query, body))))
                    .isBetween(200, 499);
        });
    }

    private static Gen<Map<String, String>> queries() {
        return cn.shangliang.channel.WebhookVerdicts.queries(
                "msg_signature", "timestamp", "nonce", "echostr", "signature", "encrypt_type", "openid");
    }

    private static Gen<String> xmlish() {
        return cn.shangliang.channel.WebhookVerdicts.xmlish();
    }

    @Test
    void voice_isQueuedWithoutWords_markedUnrecognised() throws java.io.IOException {
        String inner;
        try (var in = WeComWebhookTest.class.getResourceAsStream("WeComWebhookTest/voice.xml")) {
            inner = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        String encrypt = crypt.encrypt(inner);
        var query = Map.of("msg_signature", crypt.signature("1", "2", encrypt), "timestamp", "1", "nonce", "2");

        Verdict verdict = webhook.handle(post(query, "<xml><Encrypt>" + encrypt + "</Encrypt></xml>"));

        var enqueue = (Verdict.Enqueue) verdict;
        assertThat(enqueue.message().messageId()).isEqualTo("1234567890123456");
        assertThat(enqueue.message().userId()).isEqualTo("mycreate");
        assertThat(enqueue.message().text()).isEmpty();
        assertThat(enqueue.message().attribute(Inbound.VOICE)).isEqualTo(Inbound.VOICE_UNRECOGNISED);
    }
}
