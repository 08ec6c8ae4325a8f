package cn.shangliang.store;

import cn.shangliang.consultation.Reporter;
import java.util.List;

/**
 * The keys that hold one person's own data: their profile, pending question, list of issues, reply inbox and (web
 * chat) uid claim. Deleted one key per command, so that it works on a cluster where they live in different slots.
 */
public final class RedisUserData {

    private static final String WEBCHAT = "webchat";

    private final redis.clients.jedis.UnifiedJedis redis;

    public RedisUserData(redis.clients.jedis.UnifiedJedis redis) {
        this.redis = redis;
    }

    /** Deletes them all; the list of issues last, since erasing the person from their issues reads it. */
    public void erase(Reporter person) {
        String channel = person.channel();
        String user = person.userId();
        List<String> keys = new java.util.ArrayList<>(List.of(
                RedisKeys.inbox(channel, user),
                RedisKeys.userProfile(channel, user),
                RedisKeys.userPending(channel, user)));
        if (WEBCHAT.equals(channel)) {
            keys.add(RedisKeys.webChatClaim(user));
        }
        keys.add(RedisKeys.userIssues(channel, user));
        for (String key : keys) {
            redis.del(key);
        }
    }
}
