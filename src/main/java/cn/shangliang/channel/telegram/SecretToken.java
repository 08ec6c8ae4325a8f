package cn.shangliang.channel.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code X-Telegram-Bot-Api-Secret-Token} check. Both sides are hashed before the constant-time comparison, so
 * that neither the content nor the length of the configured secret leaks through timing.
 */
public final class SecretToken {

    /** The header Telegram sends on every webhook request, in lower case as the web layer hands headers over. */
    public static final String HEADER = "x-telegram-bot-api-secret-token";

    private final byte[] expected;

    public SecretToken(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the Telegram secret token must not be empty");
        }
        this.expected = sha256(secret);
    }

    /** Whether {@code header} (null or empty when missing) is the configured secret. */
    public boolean matches(String header) {
        if (header == null || header.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(header));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
