package cn.shangliang.dialogue;

import java.util.List;

/**
 * What the bot remembers of one user: the profile (kept) and the pending question (forgotten after the session TTL).
 * {@code lastKey} and {@code lastReplies} make a redelivered message get the same answer without a second step.
 *
 * @param place {@code 镇/村} or {@code 镇}, empty while unknown
 * @param language {@code zh} or {@code en} when the user chose one, else empty
 */
public record Session(
        String place,
        String language,
        boolean unsubscribed,
        Pending pending,
        String lastKey,
        List<String> lastReplies) {

    public Session {
        place = place == null ? "" : place;
        language = language == null ? "" : language;
        pending = pending == null ? new Pending.None() : pending;
        lastKey = lastKey == null ? "" : lastKey;
        lastReplies = lastReplies == null ? List.of() : List.copyOf(lastReplies);
    }

    public static Session fresh() {
        return new Session("", "", false, new Pending.None(), "", List.of());
    }

    Session withPending(Pending p) {
        return new Session(place, language, unsubscribed, p, lastKey, lastReplies);
    }

    Session withPlace(String p) {
        return new Session(p, language, unsubscribed, pending, lastKey, lastReplies);
    }

    Session withLanguage(String l) {
        return new Session(place, l, unsubscribed, pending, lastKey, lastReplies);
    }

    Session withUnsubscribed(boolean u) {
        return new Session(place, language, u, pending, lastKey, lastReplies);
    }

    Session answered(String key, List<String> replies) {
        return new Session(place, language, unsubscribed, pending, key, replies);
    }
}
