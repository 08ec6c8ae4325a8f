package cn.shangliang.channel;

import cn.shangliang.testing.Gen;
import java.util.Map;

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
    public static Gen<Map<String, String>> queries(String... names) {
        Gen<String> value = Gen.oneOf(
                Gen.strings(40),
                Gen.longs().map(Object::toString),
                Gen.of("", "9223372036854775807", "-9223372036854775808", "99999999999999999999999", "aes"));
        return Gen.maps(Gen.of(names), value, names.length);
    }

    /** XML-shaped text: well-formed messages with odd fields, broken markup, entities and plain junk. */
    public static Gen<String> xmlish() {
        Gen<String> field = Gen.of(
                "ToUserName",
                "FromUserName",
                "CreateTime",
                "MsgType",
                "Content",
                "MsgId",
                "Event",
                "Encrypt",
                "AgentID");
        Gen<String> value = Gen.oneOf(
                Gen.strings(30),
                Gen.longs().map(Object::toString),
                Gen.of("text", "event", "subscribe", "9223372036854775807", "-1", "<![CDATA[x]]>", "&amp;"));
        Gen<String> element = r -> {
            String f = field.next(r);
            return "<" + f + ">" + value.next(r) + "</" + f + ">";
        };
        return Gen.oneOf(
                element.list(8).map(l -> "<xml>" + String.join("", l) + "</xml>"),
                Gen.strings(80),
                Gen.of(
                        "",
                        "<xml>",
                        "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><xml>&a;</xml>",
                        "<xml><Encrypt><![CDATA[AAAA]]></Encrypt></xml>",
                        "<?xml version=\"1.0\"?><a/>"));
    }

    /** Any JSON value: numbers at the ends of their ranges, strings, nulls, arrays, objects, and broken JSON. */
    public static Gen<String> jsonValues() {
        return Gen.oneOf(
                Gen.longs().map(Object::toString),
                Gen.doubles().map(Object::toString),
                Gen.of(
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
                Gen.strings(30).map(WebhookVerdicts::quoted));
    }

    /** DingTalk robot callbacks with any value in each field. */
    public static Gen<String> robotCallbacks() {
        Gen<String> v = jsonValues();
        Gen<String> type = Gen.of("\"1\"", "\"2\"", "null", "3", "\"x\"");
        Gen<String> msgtype = Gen.of("\"text\"", "\"picture\"", "null", "1");
        Gen<String> callback = r -> {
            String msgId = v.next(r);
            String sender = v.next(r);
            String expiry = v.next(r);
            String createAt = v.next(r);
            String text = v.next(r);
            String conv = type.next(r);
            String mt = msgtype.next(r);
            return "{\"conversationId\":\"c1\","
                    + "\"msgId\":" + msgId + ",\"senderStaffId\":" + sender + ",\"senderId\":" + sender
                    + ",\"sessionWebhookExpiredTime\":" + expiry + ",\"createAt\":" + createAt
                    + ",\"conversationType\":" + conv + ",\"sessionWebhook\":" + text
                    + ",\"text\":{\"content\":" + text + "},\"msgtype\":" + mt + "}";
        };
        return Gen.oneOf(callback, v);
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
