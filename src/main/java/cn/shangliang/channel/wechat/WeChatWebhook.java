package cn.shangliang.channel.wechat;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.TextLimits;
import cn.shangliang.channel.WebhookAdapter;
import cn.shangliang.channel.weixin.SafeXml;
import cn.shangliang.channel.weixin.WxBizMsgCrypt;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@code /webhook/wechat}: the message push of an Official Account. GET is the server check (plain {@code signature}
 * over token, timestamp, nonce; {@code echostr} echoed). POSTs come in plain mode ({@code signature}) or, with {@code
 * encrypt_type=aes}, in safe or compatible mode ({@code msg_signature} over the {@code Encrypt} element, decrypted with
 * the app id as receive id). Text messages are queued and answered {@code success} (the reply goes out later through
 * the customer-service API); a {@code subscribe} event gets the welcome text as a passive reply, encrypted in safe
 * mode; everything else is answered {@code success}.
 *
 * <p>While an EncodingAESKey is configured, plain-mode POSTs are refused: their signature covers only token, timestamp
 * and nonce, not the body, so one observed request would let anyone post any message.
 */
public final class WeChatWebhook implements WebhookAdapter {

    public static final String CHANNEL = "wechat";

    private final String token;
    private final Optional<WxBizMsgCrypt> crypt;
    private final String welcome;
    private final RandomGenerator random;

    /**
     * @param crypt the safe-mode crypto; empty for plain mode only
     * @param welcome the passive answer to a new follower
     * @param random source of reply nonces
     */
    public WeChatWebhook(String token, Optional<WxBizMsgCrypt> crypt, String welcome, RandomGenerator random) {
        this.token = token;
        this.crypt = crypt;
        this.welcome = welcome;
        this.random = random;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Verdict handle(Request request) {
        return switch (request.method()) {
            case "GET" -> verifyServer(request);
            case "POST" -> "aes".equals(request.query("encrypt_type")) ? safe(request) : plain(request);
            default -> reject(405, "method " + request.method() + " not allowed");
        };
    }

    private Verdict verifyServer(Request request) {
        Optional<Verdict> missing = missing(request, "signature", "timestamp", "nonce", "echostr");
        if (missing.isPresent()) {
            return missing.get();
        }
        if (!plainSignatureOk(request)) {
            return reject(401, "signature does not match");
        }
        return new Verdict.Answer(Response.text(200, request.query("echostr")));
    }

    private boolean plainSignatureOk(Request request) {
        String expected = WxBizMsgCrypt.sha1OfSorted(token, request.query("timestamp"), request.query("nonce"));
        return WxBizMsgCrypt.sameSignature(expected, request.query("signature"));
    }

    private Verdict plain(Request request) {
        Optional<Verdict> missing = missing(request, "signature", "timestamp", "nonce");
        if (missing.isPresent()) {
            return missing.get();
        }
        if (crypt.isPresent()) {
            return reject(401, "plain-mode POST while an EncodingAESKey is configured (safe mode expected)");
        }
        if (!plainSignatureOk(request)) {
            return reject(401, "signature does not match");
        }
        return switch (SafeXml.fields(request.body())) {
            case SafeXml.Parsed.Refused r -> reject(400, r.reason());
            case SafeXml.Parsed.Fields f -> message(f.values(), request, Optional.empty());
        };
    }

    private Verdict safe(Request request) {
        if (crypt.isEmpty()) {
            return reject(400, "encrypt_type=aes but no EncodingAESKey is configured");
        }
        WxBizMsgCrypt c = crypt.get();
        Optional<Verdict> missing = missing(request, "msg_signature", "timestamp", "nonce");
        if (missing.isPresent()) {
            return missing.get();
        }
        String encrypt;
        switch (SafeXml.fields(request.body())) {
            case SafeXml.Parsed.Refused r -> {
                return reject(400, r.reason());
            }
            case SafeXml.Parsed.Fields f -> encrypt = f.get("Encrypt");
        }
        if (encrypt.isBlank()) {
            return reject(400, "no Encrypt element");
        }
        if (!c.verify(request.query("msg_signature"), request.query("timestamp"), request.query("nonce"), encrypt)) {
            return reject(401, "msg_signature does not match (" + WxBizMsgCrypt.SIGNATURE_MISMATCH + ")");
        }
        return switch (c.decrypt(encrypt)) {
            case WxBizMsgCrypt.Opened.Refused r ->
                reject(r.code() == WxBizMsgCrypt.RECEIVE_ID_MISMATCH ? 401 : 400, r.reason() + " (" + r.code() + ")");
            case WxBizMsgCrypt.Opened.Message m ->
                switch (SafeXml.fields(m.text())) {
                    case SafeXml.Parsed.Refused r -> reject(400, "decrypted message: " + r.reason());
                    case SafeXml.Parsed.Fields f -> message(f.values(), request, crypt);
                };
        };
    }

    /** One message, whatever the mode; {@code replyCrypt} encrypts passive replies in safe mode. */
    private Verdict message(Map<String, String> fields, Request request, Optional<WxBizMsgCrypt> replyCrypt) {
        String type = fields.getOrDefault("MsgType", "");
        String from = fields.getOrDefault("FromUserName", "").strip();
        if ("event".equals(type) && "subscribe".equals(fields.get("Event")) && !from.isEmpty()) {
            String reply =
                    PassiveReply.text(from, fields.getOrDefault("ToUserName", ""), request.receivedAt(), welcome);
            return new Verdict.Answer(replyCrypt
                    .map(c -> Response.xml(
                            200,
                            c.replyEnvelope(
                                    reply, String.valueOf(request.receivedAt().getEpochSecond()), nonce())))
                    .orElseGet(() -> Response.xml(200, reply)));
        }
        boolean voice = "voice".equals(type);
        if (!"text".equals(type) && !voice) {
            return new Verdict.Answer(success());
        }
        String msgId = fields.getOrDefault("MsgId", "").strip();
        if (msgId.isEmpty() || from.isEmpty()) {
            return reject(400, type + " message without MsgId or FromUserName");
        }
        if (voice) {
            return new Verdict.Enqueue(voiceMessage(msgId, from, fields, request), success(), success());
        }
        String text = fields.getOrDefault("Content", "");
        Optional<String> problem = TextLimits.problem(text);
        if (problem.isPresent()) {
            // answered success so that WeChat does not push it again; nothing is queued
            return new Verdict.Reject(success(), "message " + msgId + ": " + problem.get());
        }
        Inbound inbound = new Inbound(CHANNEL, msgId, from, "", text, request.receivedAt(), Map.of());
        return new Verdict.Enqueue(inbound, success(), success());
    }

    /**
     * A voice message: with the account's speech recognition on, {@code Recognition} carries the words (possibly empty
     * when nothing was made out); the dialogue answers with what it understood, or asks to type or say it again.
     */
    private static Inbound voiceMessage(String msgId, String from, Map<String, String> fields, Request request) {
        String words = fields.getOrDefault("Recognition", "").strip();
        boolean heard = TextLimits.problem(words).isEmpty();
        return new Inbound(
                CHANNEL,
                msgId,
                from,
                "",
                heard ? words : "",
                request.receivedAt(),
                Map.of(Inbound.VOICE, heard ? Inbound.VOICE_RECOGNISED : Inbound.VOICE_UNRECOGNISED));
    }

    /** "success": WeChat neither retries nor shows an error, and the reply comes through the API. */
    private static Response success() {
        return Response.text(200, "success");
    }

    private String nonce() {
        return String.valueOf(100_000_000L + random.nextLong(900_000_000L));
    }

    private static Optional<Verdict> missing(Request request, String... names) {
        for (String name : names) {
            if (request.query(name).isBlank()) {
                return Optional.of(reject(400, "query parameter " + name + " is missing"));
            }
        }
        return Optional.empty();
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
