package cn.shangliang.report;

import cn.shangliang.consultation.IsoWeek;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring links to the city-wide weekly table, for the leadership office's chat accounts, which hold no
 * bearer token: {@code /api/reports/weekly?week=…&format=…&lang=…&expires=<epoch seconds>&sig=<hex>}. The signature
 * is HMAC-SHA256 over week, format, language and expiry, so a link cannot be stretched to another week, format or
 * time. The key is shared by all processes (kept in Redis), so any process honours a link another one made.
 */
public final class ReportLinks {

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private final String baseUrl;
    private final Duration validFor;
    private final Clock clock;
    private final java.util.List<byte[]> readerTokens;

    /** @param baseUrl how people reach this server, e.g. {@code https://shangliang.example.cn} (no trailing slash) */
    public ReportLinks(byte[] key, String baseUrl, Duration validFor, Clock clock) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a report link key needs at least 16 bytes (had " + key.length + ")");
        }
        this.key = key.clone();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.validFor = validFor;
        this.clock = clock;
        this.readerTokens = java.util.List.of();
    }

    private ReportLinks(ReportLinks links, java.util.List<byte[]> readerTokens) {
        this.key = links.key;
        this.baseUrl = links.baseUrl;
        this.validFor = links.validFor;
        this.clock = links.clock;
        this.readerTokens = readerTokens;
    }

    /**
     * These links, plus bearer tokens that read the city-wide table as a link does: the leadership office's
     * {@code token_env} in the configuration (it may read the table, nothing else). Empty tokens are ignored.
     */
    public ReportLinks withReaderTokens(java.util.Collection<String> tokens) {
        return new ReportLinks(
                this,
                tokens.stream()
                        .filter(t -> !t.isEmpty())
                        .map(t -> t.getBytes(StandardCharsets.UTF_8))
                        .toList());
    }

    /** Whether {@code token} is one of the {@link #withReaderTokens reader tokens} (compared in constant time). */
    public boolean readerToken(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (byte[] t : readerTokens) {
            found |= MessageDigest.isEqual(t, given);
        }
        return found;
    }

    public Duration validFor() {
        return validFor;
    }

    /** A link to the table of {@code week} in {@code format} (csv, xlsx, md or json), valid from now. */
    public String link(IsoWeek week, String format, String language) {
        long expires = clock.instant().plus(validFor).getEpochSecond();
        String sig = sign(week.toString(), format, language, Long.toString(expires));
        return baseUrl + "/api/reports/weekly?week=" + week + "&format=" + encode(format) + "&lang=" + encode(language)
                + "&expires=" + expires + "&sig=" + sig;
    }

    /** Whether a link's parameters carry a valid signature that has not expired; any missing part fails. */
    public boolean valid(String week, String format, String language, String expires, String sig) {
        if (week == null || format == null || language == null || expires == null || sig == null) {
            return false;
        }
        long at;
        try {
            at = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
        if (clock.instant().getEpochSecond() >= at) { // not Instant.ofEpochSecond(at): it throws for huge values
            return false;
        }
        byte[] expected = sign(week, format, language, expires).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(
                expected, sig.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String week, String format, String language, String expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            String payload = String.join("\n", "weekly", week, format, language, expires);
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
