package cn.shangliang.channel.telegram;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the Telegram channel needs, checked once. Error messages name the environment variable, never the secret value.
 *
 * @param botToken {@code <bot id>:<secret>} from BotFather (TELEGRAM_BOT_TOKEN)
 * @param secretToken the {@code secret_token} given to setWebhook (TELEGRAM_SECRET_TOKEN): 1–256 of
 *     {@code A-Z a-z 0-9 _ -}, as the Bot API server requires
 * @param botUsername the bot's username without {@code @}, used to recognise mentions and {@code /command@bot} in
 *     groups; empty when not configured (then only replies to the bot and bare commands address it in a group)
 * @param baseUrl the Bot API server, {@code https://api.telegram.org} unless a local server or a test fake is used
 */
public record TelegramSettings(String botToken, String secretToken, String botUsername, String baseUrl) {

    public static final String DEFAULT_BASE_URL = "https://api.telegram.org";
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,18}:[A-Za-z0-9_-]{1,200}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{3,32}");

    public TelegramSettings {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(secretToken, "secretToken");
        if (!TOKEN.matcher(botToken).matches()) {
            throw new IllegalArgumentException(
                    "TELEGRAM_BOT_TOKEN must look like <bot id>:<token> as BotFather gives it (value not shown)");
        }
        if (!SECRET.matcher(secretToken).matches()) {
            throw new IllegalArgumentException("TELEGRAM_SECRET_TOKEN must be 1 to 256 characters of A-Z a-z 0-9 _ -"
                    + " (the Bot API refuses others in setWebhook; value not shown)");
        }
        botUsername = botUsername == null ? "" : botUsername.strip();
        if (botUsername.startsWith("@")) {
            botUsername = botUsername.substring(1);
        }
        if (!botUsername.isEmpty() && !USERNAME.matcher(botUsername).matches()) {
            throw new IllegalArgumentException(
                    "bot username must be letters, digits and _ (was '" + botUsername + "')");
        }
        baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.strip();
        if (!baseUrl.matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException("base URL must be an http(s) URL (was '" + baseUrl + "')");
        }
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    /** The bot's own user id: the token's part before the colon. */
    public long botId() {
        return Long.parseLong(botToken.substring(0, botToken.indexOf(':')));
    }

    /** The username in lower case, for case-insensitive comparison (Telegram usernames are case-insensitive). */
    String usernameKey() {
        return botUsername.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "TelegramSettings[botId=" + botId() + ", botUsername=" + botUsername + ", baseUrl=" + baseUrl + "]";
    }
}
