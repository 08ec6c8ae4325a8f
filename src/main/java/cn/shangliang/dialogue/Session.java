package cn.shangliang.dialogue;

import java.util.List;

/**
 * What the bot remembers of one user: the profile (kept) and the pending question (forgotten after the session TTL).
 * {@code lastKey} and {@code lastReplies} make a redelivered message get the same answer without a second step.
 *
 * @param place {@code 镇/村} or {@code 镇}, empty while unknown
 * @param language {@code zh} or {@code en} when the user chose one explicitly ("说英文", "English please"), else empty
 * @param heard {@code zh} or {@code en}: the language of the user's last message that clearly had one, else empty;
 *     notices and reminders use {@code language}, else this
 */
public record Session(
        String place,
        String language,
        boolean unsubscribed,
        Pending pending,
        String lastKey,
        List<String> lastReplies,
        String heard) {

    public Session {
        place = place == null ? "" : place;
        language = language == null ? "" : language;
        heard = heard == null ? "" : heard;
        pending = pending == null ? new Pending.None() : pending;
        lastKey = lastKey == null ? "" : lastKey;
        lastReplies = lastReplies == null ? List.of() : List.copyOf(lastReplies);
    }

    /** A session of a user whose language was never heard. */
    public Session(
            String place,
            String language,
            boolean unsubscribed,
            Pending pending,
            String lastKey,
            List<String> lastReplies) {
        this(place, language, unsubscribed, pending, lastKey, lastReplies, "");
    }

    public static Session fresh() {
        return new Session("", "", false, new Pending.None(), "", List.of(), "");
    }

    /** The language to write to this user in when they are not writing right now (notices, reminders). */
    public String readerLanguage() {
        if (!language.isEmpty()) {
            return language;
        }
        return heard.isEmpty() ? Responses.DEFAULT_LANGUAGE : heard;
    }

    Session withPending(Pending p) {
        return new Session(place, language, unsubscribed, p, lastKey, lastReplies, heard);
    }

    Session withPlace(String p) {
        return new Session(p, language, unsubscribed, pending, lastKey, lastReplies, heard);
    }

    Session withLanguage(String l) {
        return new Session(place, l, unsubscribed, pending, lastKey, lastReplies, heard);
    }

    Session withHeard(String h) {
        return new Session(place, language, unsubscribed, pending, lastKey, lastReplies, h);
    }

    Session withUnsubscribed(boolean u) {
        return new Session(place, language, u, pending, lastKey, lastReplies, heard);
    }

    Session answered(String key, List<String> replies) {
        return new Session(place, language, unsubscribed, pending, key, replies, heard);
    }
}
