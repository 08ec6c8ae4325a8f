package cn.shangliang.channel.webchat;

import cn.shangliang.channel.PipelineMetrics;
import cn.shangliang.channel.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a new web-chat connection or message may pass the abuse limits. Every allowance is a sliding window
 * in Redis (through {@link RateLimiter}), so the limits hold however many connections, tabs or processes a sender
 * uses. The allowances are asked one after the other, narrowest first (uid, address, everyone), and the first refusal
 * stops: a flooder refused for its uid or address uses up nothing of everyone's allowance. A refused request is not
 * counted against the allowance that refused it; the narrower ones it passed are (a refusal for being busy uses up a
 * little of that uid's minute). Up to three round trips per message: fine for a chat typed by people.
 */
public final class WebChatGate {

    /** Which allowance refused. */
    public enum Limit {
        UID("uid"),
        ADDRESS("address"),
        TOTAL("total");

        private final String tag;

        Limit(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    public sealed interface Verdict {
        record Admitted() implements Verdict {}

        record Refused(Limit limit, Duration retryAfter) implements Verdict {}
    }

    /** Rate-log names (the limiter's "channel"); the key's subject is the uid, the address or {@code *}. */
    private static final String MESSAGES_UID = "wc-msg-uid";

    private static final String MESSAGES_ADDRESS = "wc-msg-ip";
    private static final String MESSAGES_TOTAL = "wc-msg-all";
    private static final String CONNECTIONS_ADDRESS = "wc-conn-ip";
    private static final String CONNECTIONS_TOTAL = "wc-conn-all";
    private static final String EVERYONE = "*";

    private final RateLimiter limiter;
    private final WebChatLimits limits;
    private final PipelineMetrics metrics;

    public WebChatGate(RateLimiter limiter, WebChatLimits limits, PipelineMetrics metrics) {
        this.limiter = limiter;
        this.limits = limits;
        this.metrics = metrics;
    }

    /** A new connection from {@code address}. */
    public Verdict connection(String address) {
        return decide(
                "connection",
                List.of(
                        new RateLimiter.Request(
                                CONNECTIONS_ADDRESS, address, limits.connectionsPerAddress(), limits.window()),
                        new RateLimiter.Request(
                                CONNECTIONS_TOTAL, EVERYONE, limits.connectionsTotal(), limits.window())),
                List.of(Limit.ADDRESS, Limit.TOTAL));
    }

    /** A message from {@code uid} over a connection from {@code address}. */
    public Verdict message(String uid, String address) {
        return decide(
                "message",
                List.of(
                        new RateLimiter.Request(MESSAGES_UID, uid, limits.messagesPerUid(), limits.window()),
                        new RateLimiter.Request(
                                MESSAGES_ADDRESS, address, limits.messagesPerAddress(), limits.window()),
                        new RateLimiter.Request(MESSAGES_TOTAL, EVERYONE, limits.messagesTotal(), limits.window())),
                List.of(Limit.UID, Limit.ADDRESS, Limit.TOTAL));
    }

    private Verdict decide(String what, List<RateLimiter.Request> requests, List<Limit> names) {
        for (int i = 0; i < requests.size(); i++) {
            Optional<Duration> wait = limiter.acquire(List.of(requests.get(i))).getFirst();
            if (wait.isPresent()) {
                metrics.webChatRefused(what, names.get(i).tag());
                return new Verdict.Refused(names.get(i), wait.get());
            }
        }
        return new Verdict.Admitted();
    }
}
