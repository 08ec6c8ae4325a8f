package cn.shangliang.channel;

import java.time.Duration;
import java.util.Optional;

/** Per-recipient send limits, shared by all processes. */
public interface RateLimiter {

    /**
     * Takes one send from the recipient's allowance. Empty when the send may go now; otherwise how long to wait (the
     * send is then not counted).
     */
    Optional<Duration> acquire(String channel, String userId, int max, Duration window);
}
