package cn.shangliang.channel.weixin;

import cn.shangliang.channel.TextLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tencent's "WXBizMsgCrypt" callback crypto, shared by WeCom self-built apps and WeChat Official Accounts in safe
 * mode (developer.work.weixin.qq.com/document/path/91144): AES-256-CBC with IV = key[0..16) and PKCS#7 padding to a
 * multiple of <b>32</b> bytes (done here by hand: a 16-byte PKCS#5 unpadder rejects Tencent's own samples), plaintext
 * {@code random(16) || msg_len (4 bytes, big-endian, counting bytes) || msg || receiveid}, and SHA-1 signatures over
 * the lexicographically sorted values. Thread-safe.
 */
public final class WxBizMsgCrypt {

    /** Sample error codes of {@code errorCode.php}, kept in refusal reasons so operators can look them up. */
    public static final int SIGNATURE_MISMATCH = -40001;

    public static final int ILLEGAL_AES_KEY = -40004;
    public static final int RECEIVE_ID_MISMATCH = -40005;
    public static final int DECRYPT_FAILED = -40007;
    public static final int ILLEGAL_BUFFER = -40008;
    public static final int BASE64_DECODE = -40010;

    private static final int BLOCK = 32;
    private static final int RANDOM_BYTES = 16;

    private final String token;
    private final byte[] key;
    private final String receiveId;
    private final RandomGenerator random;

    /** What decrypting a ciphertext gave. */
    public sealed interface Opened {
        record Message(String text) implements Opened {}

        /** Not ours or not readable; {@code code} is the sample's error code. */
        record Refused(int code, String reason) implements Opened {}
    }

    /**
     * @param token the callback token of the console
     * @param encodingAesKey the console's 43-character EncodingAESKey
     * @param receiveId the corpid (WeCom) or appid (Official Account) the plaintext must end with
     * @param random source of the 16 random bytes of each encryption (a {@link java.security.SecureRandom} in
     *     production)
     */
    public WxBizMsgCrypt(String token, String encodingAesKey, String receiveId, RandomGenerator random) {
        this.token = Objects.requireNonNull(token, "token");
        this.key = aesKey(encodingAesKey);
        this.receiveId = Objects.requireNonNull(receiveId, "receiveId");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Why an EncodingAESKey cannot be used, or empty when it is 43 characters of [a-zA-Z0-9]. */
    public static Optional<String> keyProblem(String encodingAesKey) {
        if (encodingAesKey == null || !encodingAesKey.matches("[A-Za-z0-9]{43}")) {
            return Optional.of("an EncodingAESKey is 43 letters and digits");
        }
        return Optional.empty();
    }

    /** {@code Base64_Decode(EncodingAESKey + "=")}: 32 bytes. */
    static byte[] aesKey(String encodingAesKey) {
        keyProblem(encodingAesKey).ifPresent(problem -> {
            throw new IllegalArgumentException(problem + " (error " + ILLEGAL_AES_KEY + ")");
        });
        return Base64.getDecoder().decode(encodingAesKey + "=");
    }

    /** {@code hex_lower(SHA1(concat(sort(values))))}: the values are sorted, not keys. */
    public static String sha1OfSorted(String... values) {
        String[] sorted = values.clone();
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String value : sorted) {
                sha1.update(value.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    /** Compares a received hex signature with the expected one in constant time (hex case ignored). */
    public static boolean sameSignature(String expected, String received) {
        if (received == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                received.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code msg_signature} over (token, timestamp, nonce, encrypt). */
    public String signature(String timestamp, String nonce, String encrypt) {
        return sha1OfSorted(token, timestamp, nonce, encrypt);
    }

    /** Whether {@code msgSignature} signs {@code encrypt} with this token. */
    public boolean verify(String msgSignature, String timestamp, String nonce, String encrypt) {
        return sameSignature(signature(timestamp, nonce, encrypt), msgSignature);
    }

    /** Encrypts {@code message} with fresh random bytes; Base64 of the ciphertext. */
    public String encrypt(String message) {
        byte[] randomBytes = new byte[RANDOM_BYTES];
        random.nextBytes(randomBytes);
        return encrypt(randomBytes, message);
    }

    /** Encrypts with the given 16 random bytes (the official vectors fix them). */
    String encrypt(byte[] randomBytes, String message) {
        if (randomBytes.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("16 random bytes are needed");
        }
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] id = receiveId.getBytes(StandardCharsets.UTF_8);
        int length = RANDOM_BYTES + 4 + msg.length + id.length;
        int pad = BLOCK - (length % BLOCK);
        ByteBuffer plain = ByteBuffer.allocate(length + pad)
                .put(randomBytes)
                .putInt(msg.length)
                .put(msg)
                .put(id);
        while (plain.hasRemaining()) {
            plain.put((byte) pad);
        }
        try {
            return Base64.getEncoder()
                    .encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC encryption failed", e);
        }
    }

    /** Decrypts a Base64 ciphertext and checks that it was made for this receive id. */
    public Opened decrypt(String encrypt) {
        byte[] cipherText;
        try {
            cipherText = Base64.getDecoder().decode(encrypt.strip());
        } catch (IllegalArgumentException e) {
            return new Opened.Refused(BASE64_DECODE, "Encrypt is not Base64");
        }
        if (cipherText.length == 0 || cipherText.length % 16 != 0) {
            return new Opened.Refused(DECRYPT_FAILED, "ciphertext is not a whole number of AES blocks");
        }
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE).doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            return new Opened.Refused(DECRYPT_FAILED, "AES decryption failed");
        }
        return unpack(plain);
    }

    /** Removes the 32-byte PKCS#7 padding and splits random || length || msg || receiveid. */
    private Opened unpack(byte[] plain) {
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            return new Opened.Refused(ILLEGAL_BUFFER, "bad padding");
        }
        int end = plain.length - pad;
        if (end < RANDOM_BYTES + 4) {
            return new Opened.Refused(ILLEGAL_BUFFER, "plaintext too short");
        }
        int length = ByteBuffer.wrap(plain, RANDOM_BYTES, 4).getInt();
        int start = RANDOM_BYTES + 4;
        if (length < 0 || length > end - start) {
            return new Opened.Refused(ILLEGAL_BUFFER, "message length out of range");
        }
        byte[] id = Arrays.copyOfRange(plain, start + length, end);
        if (!MessageDigest.isEqual(id, receiveId.getBytes(StandardCharsets.UTF_8))) {
            return new Opened.Refused(RECEIVE_ID_MISMATCH, "receive id does not match");
        }
        return TextLimits.decodeUtf8(Arrays.copyOfRange(plain, start, start + length))
                .<Opened>map(Opened.Message::new)
                .orElseGet(() -> new Opened.Refused(ILLEGAL_BUFFER, "message is not UTF-8"));
    }

    /**
     * The encrypted passive reply, exactly as the official {@code xmlparse.php generate()} writes it; the signature
     * covers (token, timestamp, nonce, Encrypt).
     */
    public String replyEnvelope(String plainXml, String timestamp, String nonce) {
        String encrypt = encrypt(plainXml);
        return envelope(encrypt, signature(timestamp, nonce, encrypt), timestamp, nonce);
    }

    static String envelope(String encrypt, String signature, String timestamp, String nonce) {
        return "<xml>\n<Encrypt><![CDATA[" + encrypt + "]]></Encrypt>\n<MsgSignature><![CDATA[" + signature
                + "]]></MsgSignature>\n<TimeStamp>" + timestamp + "</TimeStamp>\n<Nonce><![CDATA[" + nonce
                + "]]></Nonce>\n</xml>";
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOfRange(key, 0, RANDOM_BYTES)));
        return cipher;
    }
}
