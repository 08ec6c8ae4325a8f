package cn.shangliang.channel.wecom;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.TextLimits;
import cn.shangliang.channel.WebhookAdapter;
import cn.shangliang.channel.weixin.SafeXml;
import cn.shangliang.channel.weixin.WxBizMsgCrypt;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /webhook/wecom}: the callback of a WeCom self-built app (接收消息与事件). GET is the URL check (decrypted
 * {@code echostr} answered as plain text); POST carries an encrypted XML message, checked against {@code
 * msg_signature}, decrypted and checked for the corp id. Text messages are queued and answered with an empty 200
 * (the reply goes out later through {@code message/send}); events and other message types are acknowledged and
 * ignored. There is no freshness window on the timestamp: WeCom's retries and replays are caught by the MsgId dedup of
 * the web layer.
 */
public final class WeComWebhook implements WebhookAdapter {

    public static final String CHANNEL = "wecom";

    private final WxBizMsgCrypt crypt;

    public WeComWebhook(WxBizMsgCrypt crypt) {
        this.crypt = crypt;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Verdict handle(Request request) {
        return switch (request.method()) {
            case "GET" -> verifyUrl(request);
            case "POST" -> message(request);
            default -> reject(405, "method " + request.method() + " not allowed");
        };
    }

    /** URL verification: answer the decrypted echostr exactly, no quotes, no BOM, no line break. */
    private Verdict verifyUrl(Request request) {
        // Base64 has no spaces: a '+' sent unencoded arrives as a space after URL decoding
        String echostr = request.query("echostr").replace(' ', '+');
        Optional<Verdict> missing = missing(request, "msg_signature", "timestamp", "nonce", "echostr");
        if (missing.isPresent()) {
            return missing.get();
        }
        return switch (open(request, echostr)) {
            case WxBizMsgCrypt.Opened.Refused r -> refused(r);
            case WxBizMsgCrypt.Opened.Message m -> new Verdict.Answer(Response.text(200, m.text()));
        };
    }

    private Verdict message(Request request) {
        Optional<Verdict> missing = missing(request, "msg_signature", "timestamp", "nonce");
        if (missing.isPresent()) {
            return missing.get();
        }
        Map<String, String> outer;
        switch (SafeXml.fields(request.body())) {
            case SafeXml.Parsed.Refused r -> {
                return reject(400, r.reason());
            }
            case SafeXml.Parsed.Fields f -> outer = f.values();
        }
        String encrypt = outer.getOrDefault("Encrypt", "");
        if (encrypt.isBlank()) {
            return reject(400, "no Encrypt element");
        }
        return switch (open(request, encrypt)) {
            case WxBizMsgCrypt.Opened.Refused r -> refused(r);
            case WxBizMsgCrypt.Opened.Message m -> inner(m.text(), request);
        };
    }

    private WxBizMsgCrypt.Opened open(Request request, String encrypt) {
        if (!crypt.verify(
                request.query("msg_signature"), request.query("timestamp"), request.query("nonce"), encrypt)) {
            return new WxBizMsgCrypt.Opened.Refused(WxBizMsgCrypt.SIGNATURE_MISMATCH, "msg_signature does not match");
        }
        return crypt.decrypt(encrypt);
    }

    /** The decrypted message: a text becomes an {@link Inbound}; anything else is acknowledged and dropped. */
    private Verdict inner(String xml, Request request) {
        Map<String, String> fields;
        switch (SafeXml.fields(xml)) {
            case SafeXml.Parsed.Refused r -> {
                return reject(400, "decrypted message: " + r.reason());
            }
            case SafeXml.Parsed.Fields f -> fields = f.values();
        }
        String type = fields.getOrDefault("MsgType", "");
        boolean voice = "voice".equals(type);
        if (!"text".equals(type) && !voice) {
            return new Verdict.Answer(Response.empty(200)); // events, images …: nothing to answer
        }
        String msgId = fields.getOrDefault("MsgId", "").strip();
        String from = fields.getOrDefault("FromUserName", "").strip();
        if (msgId.isEmpty() || from.isEmpty()) {
            return reject(400, type + " message without MsgId or FromUserName");
        }
        if (voice) { // WeCom delivers no recognised text: the dialogue asks to type it or say it again
            Inbound spoken = new Inbound(
                    CHANNEL,
                    msgId,
                    from,
                    "",
                    "",
                    request.receivedAt(),
                    Map.of(Inbound.VOICE, Inbound.VOICE_UNRECOGNISED));
            return new Verdict.Enqueue(spoken, Response.empty(200), Response.empty(200));
        }
        String text = fields.getOrDefault("Content", "");
        Optional<String> problem = TextLimits.problem(text);
        if (problem.isPresent()) {
            // answered 200 so that WeCom does not send it again; nothing is queued
            return new Verdict.Reject(Response.empty(200), "message " + msgId + ": " + problem.get());
        }
        Inbound inbound = new Inbound(CHANNEL, msgId, from, "", text, request.receivedAt(), Map.of());
        return new Verdict.Enqueue(inbound, Response.empty(200), Response.empty(200));
    }

    private static Optional<Verdict> missing(Request request, String... names) {
        for (String name : names) {
            if (request.query(name).isBlank()) {
                return Optional.of(reject(400, "query parameter " + name + " is missing"));
            }
        }
        return Optional.empty();
    }

    private static Verdict refused(WxBizMsgCrypt.Opened.Refused r) {
        int status = switch (r.code()) {
            case WxBizMsgCrypt.SIGNATURE_MISMATCH, WxBizMsgCrypt.RECEIVE_ID_MISMATCH -> 401;
            default -> 400;
        };
        return reject(status, r.reason() + " (" + r.code() + ")");
    }

    private static Verdict reject(int status, String reason) {
        String body = switch (status) {
            case 401 -> "unauthorized";
            case 405 -> "method not allowed";
            default -> "bad request";
        };
        return new Verdict.Reject(Response.text(status, body), reason);
    }
}
