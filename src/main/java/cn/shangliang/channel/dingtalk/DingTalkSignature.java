package cn.shangliang.channel.dingtalk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The headers of an HTTP robot callback (PLATFORMS.md §3.1, official "接收消息" doc): {@code timestamp} in epoch
 * milliseconds and {@code sign = Base64(HmacSHA256(key = appSecret, data = timestamp + "\n" + appSecret))}. A request is
 * refused when its timestamp is more than one hour from our clock or its sign differs (compared in constant time).
 *
 * <p>The sign covers the timestamp only, not the body: whoever saw one signed request could send other bodies with
 * its headers for the rest of that hour. That is DingTalk's design; deduplication by {@code msgId} stops replays.
 */
public final class DingTalkSignature {

    /** How far a callback's timestamp may be from our clock. */
    public static final Duration WINDOW = Duration.ofHours(1);

    private final String secret;
    private final SecretKeySpec key;

    public DingTalkSignature(String appSecret) {
        if (appSecret == null || appSecret.isEmpty()) {
            throw new IllegalArgumentException("DingTalk app secret must not be empty");
        }
        this.secret = appSecret;
        this.key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The {@code sign} header DingTalk sends with {@code timestamp}. */
    public String sign(String timestamp) {
        return Base64.getEncoder().encodeToString(mac(timestamp));
    }

    /** What is wrong with the headers of a callback received at {@code now}, or empty when they pass. */
    public Optional<String> problem(String timestamp, String sign, Instant now) {
        if (timestamp == null || timestamp.isBlank() || sign == null || sign.isBlank()) {
            return Optional.of("missing timestamp or sign header");
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Optional.of("timestamp is not a number of milliseconds");
        }
        Duration skew = Duration.between(Instant.ofEpochMilli(millis), now).abs();
        if (skew.compareTo(WINDOW) > 0) {
            return Optional.of("timestamp is more than one hour away from the server's time");
        }
        // compared as canonical Base64 text, so that variants decoding to the same bytes are refused too
        byte[] expected = sign(timestamp.strip()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sign.strip().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("bad sign");
        }
        return Optional.empty();
    }

    private byte[] mac(String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
