package cn.shangliang.channel.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.WebhookAdapter.Request;
import cn.shangliang.channel.WebhookAdapter.Verdict;
import cn.shangliang.channel.weixin.SafeXml;
import cn.shangliang.channel.weixin.WxBizMsgCrypt;
import cn.shangliang.testing.Gen;
import cn.shangliang.testing.Properties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Official Account push in plain, safe and compatible mode. */
class WeChatWebhookTest {

    private static final String TOKEN = "AAAAA";
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String APP_ID = "wxb11529c136998cb6";
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final String TEXT = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>"
            + "<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName><CreateTime>1714037059</CreateTime>"
            + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[路灯坏了]]></Content><MsgId>24560000000000001</MsgId></xml>";
    private static final String SUBSCRIBE = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>"
            + "<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName><CreateTime>1714037059</CreateTime>"
            + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>";
    /** The official example: sha1(sort(AAAAA, 1714037059, 486452656)). */
    private static final Map<String, String> PLAIN_QUERY = Map.of(
            "signature", "899cf89e464efb63f54ddac96b0a0a235f53aa78",
            "timestamp", "1714037059",
            "nonce", "486452656",
            "openid", "o9AgO5Kd5ggOC-bXrbNODIiE3bGY");

    private final WxBizMsgCrypt crypt = new WxBizMsgCrypt(TOKEN, AES_KEY, APP_ID, new Random(5));
    private final WeChatWebhook plain = new WeChatWebhook(TOKEN, Optional.empty(), "welcome!", new Random(1));
    private final WeChatWebhook safe = new WeChatWebhook(TOKEN, Optional.of(crypt), "welcome!", new Random(1));

    private static Request request(String method, Map<String, String> query, String body) {
        return new Request(method, query, Map.of(), body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private Map<String, String> safeQuery(String encrypt) {
        Map<String, String> query = new HashMap<>(PLAIN_QUERY);
        query.put("encrypt_type", "aes");
        query.put("msg_signature", crypt.signature("1714037059", "486452656", encrypt));
        return query;
    }

    @Test
    void serverCheck_echoesEchostr_onTheOfficialSignature() {
        Map<String, String> query = new HashMap<>(PLAIN_QUERY);
        query.put("echostr", "7164963712806541234");

        for (WeChatWebhook webhook : new WeChatWebhook[] {plain, safe}) {
            Verdict verdict = webhook.handle(request("GET", query, ""));
            assertThat(verdict).isInstanceOf(Verdict.Answer.class);
            assertThat(new String(((Verdict.Answer) verdict).response().body(), StandardCharsets.UTF_8))
                    .isEqualTo("7164963712806541234");
        }
        query.put("nonce", "486452657");
        assertRejected(plain.handle(request("GET", query, "")), 401);
    }

    @Test
    void plainText_isQueuedAndAnsweredSuccess() {
        Verdict verdict = plain.handle(request("POST", PLAIN_QUERY, TEXT));

        assertThat(verdict).isInstanceOf(Verdict.Enqueue.class);
        var enqueue = (Verdict.Enqueue) verdict;
        assertThat(enqueue.message().channel()).isEqualTo("wechat");
        assertThat(enqueue.message().messageId()).isEqualTo("24560000000000001");
        assertThat(enqueue.message().userId()).isEqualTo("o9AgO5Kd5ggOC-bXrbNODIiE3bGY");
        assertThat(enqueue.message().text()).isEqualTo("路灯坏了");
        assertThat(new String(enqueue.accepted().body(), StandardCharsets.UTF_8))
                .isEqualTo("success");
    }

    @Test
    void plainWithWrongSignature_orWhileAKeyIsConfigured_isRefused() {
        Map<String, String> forged = new HashMap<>(PLAIN_QUERY);
        forged.put("timestamp", "1714037060");
        assertRejected(plain.handle(request("POST", forged, TEXT)), 401);
        assertRejected(safe.handle(request("POST", PLAIN_QUERY, TEXT)), 401);
    }

    @Test
    void safeText_isDecryptedAndQueued() {
        String encrypt = crypt.encrypt(TEXT);

        Verdict verdict = safe.handle(request(
                "POST",
                safeQuery(encrypt),
                "<xml><ToUserName>gh_97417a04a28d</ToUserName><Encrypt>" + encrypt + "</Encrypt></xml>"));

        assertThat(verdict).isInstanceOf(Verdict.Enqueue.class);
        assertThat(((Verdict.Enqueue) verdict).message().text()).isEqualTo("路灯坏了");
    }

    @Test
    void compatibleMode_usesTheCiphertext_notThePlainFields() {
        String encrypt = crypt.encrypt(TEXT);
        String body =
                TEXT.replace("路灯坏了", "forged plain text").replace("</xml>", "<Encrypt>" + encrypt + "</Encrypt></xml>");

        Verdict verdict = safe.handle(request("POST", safeQuery(encrypt), body));

        assertThat(((Verdict.Enqueue) verdict).message().text()).isEqualTo("路灯坏了");
    }

    @Test
    void safeMode_wrongSignature_otherAppId_doctype_areRefused() {
        String encrypt = crypt.encrypt(TEXT);
        Map<String, String> query = safeQuery(encrypt);
        query.put("msg_signature", "0".repeat(40));
        assertRejected(safe.handle(request("POST", query, "<xml><Encrypt>" + encrypt + "</Encrypt></xml>")), 401);

        var otherApp = new WxBizMsgCrypt(TOKEN, AES_KEY, "wxother", new Random(2));
        String foreign = otherApp.encrypt(TEXT);
        assertRejected(
                safe.handle(request("POST", safeQuery(foreign), "<xml><Encrypt>" + foreign + "</Encrypt></xml>")), 401);

        assertRejected(
                safe.handle(request(
                        "POST", safeQuery(encrypt), "<!DOCTYPE xml><xml><Encrypt>" + encrypt + "</Encrypt></xml>")),
                400);
        assertRejected(plain.handle(request("POST", PLAIN_QUERY, "<!DOCTYPE xml>" + TEXT)), 400);
        assertRejected(
                plain.handle(request("POST", safeQuery(encrypt), "<xml><Encrypt>" + encrypt + "</Encrypt></xml>")),
                400);
    }

    @Test
    void subscribe_inPlainMode_getsThePlainWelcomeReply() {
        Verdict verdict = plain.handle(request("POST", PLAIN_QUERY, SUBSCRIBE));

        assertThat(verdict).isInstanceOf(Verdict.Answer.class);
        String xml = new String(((Verdict.Answer) verdict).response().body(), StandardCharsets.UTF_8);
        assertThat(xml)
                .isEqualTo("<xml>\n<ToUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></ToUserName>\n"
                        + "<FromUserName><![CDATA[gh_97417a04a28d]]></FromUserName>\n"
                        + "<CreateTime>" + NOW.getEpochSecond() + "</CreateTime>\n"
                        + "<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[welcome!]]></Content>\n</xml>");
    }

    @Test
    void subscribe_inSafeMode_getsAnEncryptedSignedWelcome() {
        String encrypt = crypt.encrypt(SUBSCRIBE);

        Verdict verdict =
                safe.handle(request("POST", safeQuery(encrypt), "<xml><Encrypt>" + encrypt + "</Encrypt></xml>"));

        String envelope = new String(((Verdict.Answer) verdict).response().body(), StandardCharsets.UTF_8);
        var fields = (SafeXml.Parsed.Fields) SafeXml.fields(envelope);
        assertThat(fields.get("TimeStamp")).isEqualTo(String.valueOf(NOW.getEpochSecond()));
        assertThat(crypt.verify(
                        fields.get("MsgSignature"),
                        fields.get("TimeStamp"),
                        fields.get("Nonce"),
                        fields.get("Encrypt")))
                .isTrue();
        var opened = (WxBizMsgCrypt.Opened.Message) crypt.decrypt(fields.get("Encrypt"));
        var reply = (SafeXml.Parsed.Fields) SafeXml.fields(opened.text());
        assertThat(reply.get("ToUserName")).isEqualTo("o9AgO5Kd5ggOC-bXrbNODIiE3bGY");
        assertThat(reply.get("Content")).isEqualTo("welcome!");
    }

    @Test
    void otherEvents_areAnsweredSuccess() {
        Verdict verdict = plain.handle(request("POST", PLAIN_QUERY, SUBSCRIBE.replace("subscribe", "unsubscribe")));

        assertThat(new String(((Verdict.Answer) verdict).response().body(), StandardCharsets.UTF_8))
                .isEqualTo("success");
    }

    private static void assertRejected(Verdict verdict, int status) {
        assertThat(verdict).isInstanceOf(Verdict.Reject.class);
        assertThat(((Verdict.Reject) verdict).response().status()).isEqualTo(status);
    }

    /** Any query and body, plain or safe mode: a 2xx or a 4xx answer, never an exception (which would be a 500). */
    @Test
    void handle_anyRequest_answers2xxOr4xx() {
        record Case(Map<String, String> query, String body, boolean get, boolean safeMode) {}
        Gen<Map<String, String>> queries = queries();
        Gen<String> bodies = xmlish();
        Gen<Case> cases = r -> new Case(queries.next(r), bodies.next(r), r.nextBoolean(), r.nextBoolean());
        Properties.forAll(cases, 200, c -> {
            WeChatWebhook webhook = c.safeMode() ? safe : plain;
            var verdict = webhook.handle(request(c.get() ? "GET" : "POST", c.query(), c.body()));
            assertThat(cn.shangliang.channel.WebhookVerdicts.status(verdict)).isBetween(200, 499);
        });
    }

    /** Correctly signed plain-mode bodies of any shape: the XML parser and the field checks are probed. */
    @Test
    void handle_signedAnyBody_answers2xxOr4xx() {
        Properties.forAll(
                xmlish(),
                200,
                body -> assertThat(cn.shangliang.channel.WebhookVerdicts.status(
                                plain.handle(request("POST", PLAIN_QUERY, body))))
                        .isBetween(200, 499));
    }

    private static Gen<Map<String, String>> queries() {
        return cn.shangliang.channel.WebhookVerdicts.queries(
                "signature", "timestamp", "nonce", "openid", "echostr", "encrypt_type", "msg_signature");
    }

    private static Gen<String> xmlish() {
        return cn.shangliang.channel.WebhookVerdicts.xmlish();
    }

    private static String recorded(String name) {
        try (var in = WeChatWebhookTest.class.getResourceAsStream("WeChatWebhookTest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void voiceWithRecognition_isQueuedAsItsWords_markedAsVoice() {
        Verdict verdict = plain.handle(request("POST", PLAIN_QUERY, recorded("voice-recognised.xml")));

        var enqueue = (Verdict.Enqueue) verdict;
        assertThat(enqueue.message().messageId()).isEqualTo("24560000000000002");
        assertThat(enqueue.message().text()).isEqualTo("村口的路灯坏了");
        assertThat(enqueue.message().attribute(Inbound.VOICE)).isEqualTo(Inbound.VOICE_RECOGNISED);
    }

    @Test
    void voiceWithEmptyRecognition_isQueuedEmpty_markedUnrecognised() {
        String encrypt = crypt.encrypt(recorded("voice-unrecognised.xml"));
        Verdict verdict = safe.handle(request(
                "POST",
                safeQuery(encrypt),
                "<xml><ToUserName>gh_97417a04a28d</ToUserName><Encrypt>" + encrypt + "</Encrypt></xml>"));

        var enqueue = (Verdict.Enqueue) verdict;
        assertThat(enqueue.message().text()).isEmpty();
        assertThat(enqueue.message().attribute(Inbound.VOICE)).isEqualTo(Inbound.VOICE_UNRECOGNISED);
    }
}
