package cn.shangliang.channel.webchat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Web-chat session tokens: an HMAC-SHA256 of the uid under a server key, base64url without padding (43 characters).
 * The server hands a token out once, to the connection that first claims a uid; with it, and only with it, a later
 * connection under that uid reads the replies kept for it. Every process checks with the same key (kept in Redis), so
 * a token works whichever process the browser reaches.
 */
public final class SessionTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public SessionTokens(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("session token key must be at least 16 bytes, was " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** The token of {@code uid}; the same on every call and every process. */
    public String issue(String uid) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] sum = mac.doFinal(("webchat:" + uid).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Whether {@code token} is {@code uid}'s (compared in constant time); false for null. */
    public boolean valid(String uid, String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return false;
        }
        return MessageDigest.isEqual(
                issue(uid).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
    }
}
