package cn.shangliang.consultation;

import java.util.Objects;

/** Someone who raised or supports a concern: a user on one channel. Never shown to other residents. */
public record Reporter(String channel, String userId) {

    public Reporter {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(userId, "userId");
    }
}
