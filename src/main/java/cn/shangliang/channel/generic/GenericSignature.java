package cn.shangliang.channel.generic;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@code X-Shangliang-Signature: sha256=<lowercase hex HMAC-SHA256 of the raw body>}. */
public final class GenericSignature {

    public static final String HEADER = "X-Shangliang-Signature";
    private static final String PREFIX = "sha256=";

    private final SecretKeySpec key;
    /**
     * {@code Mac.getInstance} is costly and a {@code Mac} is not thread-safe: initialised instances are borrowed from
     * this pool and returned. (Not a {@code ThreadLocal}: replies are sent on short-lived virtual threads, which would
     * each have built a new {@code Mac}.)
     */
    private final ConcurrentLinkedQueue<Mac> macs = new ConcurrentLinkedQueue<>();

    public GenericSignature(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("generic channel secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The header value for {@code body}. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(body));
    }

    /** Constant-time check of a header value against {@code body}. */
    public boolean verify(byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(body), given);
    }

    private byte[] mac(byte[] body) {
        Mac mac = macs.poll();
        if (mac == null) {
            mac = newMac();
        }
        byte[] result = mac.doFinal(body); // doFinal resets the Mac for the next use
        macs.offer(mac);
        return result;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
