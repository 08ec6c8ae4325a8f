package cn.shangliang.channel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Per-recipient send limits, shared by all processes. */
public interface RateLimiter {

    /** One recipient's allowance: at most {@code max} sends per {@code window}. */
    record Request(String channel, String userId, int max, Duration window) {}

    /**
     * Takes one send from each recipient's allowance, in one round trip. For each request: empty when the send may go
     * now; otherwise how long to wait (that send is then not counted).
     */
    List<Optional<Duration>> acquire(List<Request> requests);
}
