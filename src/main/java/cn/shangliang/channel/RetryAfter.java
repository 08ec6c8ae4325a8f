package cn.shangliang.channel;

import java.time.Duration;

/** HTTP {@code Retry-After} in seconds (up to an hour); other forms are ignored. Shared by the channels' senders. */
public final class RetryAfter {

    private RetryAfter() {}

    /** The wait the server asked for, or null when it asked for none we understand. */
    public static Duration parse(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 && seconds <= 3600 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
