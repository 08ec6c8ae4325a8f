package cn.shangliang.channel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One chat platform as the composition root plugs it in: its webhook (if it takes callbacks over HTTP), its sender,
 * the per-recipient rate limit of its send API, and background services (e.g. a long-lived connection) that run
 * with the pipeline.
 */
public record Platform(
        String channel,
        Optional<WebhookAdapter> webhook,
        ChannelSender sender,
        OutboundDispatcher.RateLimit rateLimit,
        List<Service> services) {

    public Platform {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(rateLimit, "rateLimit");
        webhook = webhook == null ? Optional.empty() : webhook;
        services = services == null ? List.of() : List.copyOf(services);
        if (!channel.equals(sender.channel())) {
            throw new IllegalArgumentException("sender of " + sender.channel() + " given for " + channel);
        }
    }

    /** Something that runs while the pipeline runs; started once, closed once. */
    public interface Service extends AutoCloseable {
        void start();

        @Override
        void close();
    }
}
