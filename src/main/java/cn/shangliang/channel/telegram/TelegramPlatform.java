package cn.shangliang.channel.telegram;

import cn.shangliang.channel.OutboundDispatcher;
import cn.shangliang.channel.Platform;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Telegram channel as the composition root plugs it in. */
public final class TelegramPlatform {

    private static final Logger log = LoggerFactory.getLogger(TelegramPlatform.class);

    /**
     * Telegram asks bots to "avoid sending more than one message per second in a particular chat" (Bot FAQ); beyond it
     * the API answers 429 with retry_after, which the sender honours too.
     */
    public static final OutboundDispatcher.RateLimit PER_CHAT =
            new OutboundDispatcher.RateLimit(1, Duration.ofSeconds(1));

    private TelegramPlatform() {}

    public static Platform create(TelegramSettings settings, OkHttpClient http, ObjectMapper mapper) {
        if (settings.botUsername().isEmpty()) {
            log.warn("telegram: no bot username configured (TELEGRAM_BOT_USERNAME): in groups only replies to the bot"
                    + " and bare /commands reach it, not @mentions");
        }
        return new Platform(
                UpdateReader.CHANNEL,
                Optional.of(new TelegramWebhook(settings, mapper)),
                new TelegramSender(settings, http, mapper),
                PER_CHAT,
                List.of());
    }
}
