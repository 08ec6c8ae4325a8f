package cn.shangliang.channel;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Shared generators and the HTTP status of a verdict, for the adapters' property tests (no input may give a 500). */
public final class WebhookVerdicts {

    private WebhookVerdicts() {}

    /** The status the route would answer with (an Enqueue answers its accepted response). */
    public static int status(WebhookAdapter.Verdict verdict) {
        return switch (verdict) {
            case WebhookAdapter.Verdict.Answer a -> a.response().status();
            case WebhookAdapter.Verdict.Reject r -> r.response().status();
            case WebhookAdapter.Verdict.Enqueue e -> e.accepted().status();
        };
    }

    /** Query maps over the given parameter names, with extreme numbers, junk and empty values. */
    public static Arbitrary<Map<String, String>> queries(String... names) {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.longs().map(Object::toString),
                Arbitraries.of("", "9223372036854775807", "-9223372036854775808", "99999999999999999999999", "aes"));
        return Arbitraries.maps(Arbitraries.of(names), value).ofMaxSize(names.length);
    }

    /** XML-shaped text: well-formed messages with odd fields, broken markup, entities and plain junk. */
    public static Arbitrary<String> xmlish() {
        Arbitrary<String> field = Arbitraries.of(
                "ToUserName",
                "FromUserName",
                "CreateTime",
                "MsgType",
                "Content",
                "MsgId",
                "Event",
                "Encrypt",
                "AgentID");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.longs().map(Object::toString),
                Arbitraries.of("text", "event", "subscribe", "9223372036854775807", "-1", "<![CDATA[x]]>", "&amp;"));
        Arbitrary<String> element = Combinators.combine(field, value).as((f, v) -> "<" + f + ">" + v + "</" + f + ">");
        return Arbitraries.oneOf(
                element.list().ofMaxSize(8).map(l -> "<xml>" + String.join("", l) + "</xml>"),
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.of(
                        "",
                        "<xml>",
                        "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><xml>&a;</xml>",
                        "<xml><Encrypt><![CDATA[AAAA]]></Encrypt></xml>",
                        "<?xml version=\"1.0\"?><a/>"));
    }

    /** Any JSON value: numbers at the ends of their ranges, strings, nulls, arrays, objects, and broken JSON. */
    public static Arbitrary<String> jsonValues() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Object::toString),
                Arbitraries.doubles().map(Object::toString),
                Arbitraries.of(
                        "9223372036854775807",
                        "-9223372036854775808",
                        "1e400",
                        "-0",
                        "null",
                        "true",
                        "[]",
                        "{}",
                        "\"\"",
                        "\"\\ud800\"",
                        "{\"a\":"),
                Arbitraries.strings().ofMaxLength(30).map(WebhookVerdicts::quoted));
    }

    /** DingTalk robot callbacks with any value in each field. */
    public static Arbitrary<String> robotCallbacks() {
        Arbitrary<String> v = jsonValues();
        Arbitrary<String> type = Arbitraries.of("\"1\"", "\"2\"", "null", "3", "\"x\"");
        Arbitrary<String> msgtype = Arbitraries.of("\"text\"", "\"picture\"", "null", "1");
        return Arbitraries.oneOf(
                Combinators.combine(v, v, v, v, v, type, msgtype)
                        .as((msgId, sender, expiry, createAt, text, conv, mt) -> "{\"conversationId\":\"c1\","
                                + "\"msgId\":" + msgId + ",\"senderStaffId\":" + sender + ",\"senderId\":" + sender
                                + ",\"sessionWebhookExpiredTime\":" + expiry + ",\"createAt\":" + createAt
                                + ",\"conversationType\":" + conv + ",\"sessionWebhook\":" + text
                                + ",\"text\":{\"content\":" + text + "},\"msgtype\":" + mt + "}"),
                v);
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
