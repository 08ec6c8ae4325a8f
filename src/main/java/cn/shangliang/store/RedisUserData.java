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
    private final PipelinePartitions partitions;

    public RedisUserData(redis.clients.jedis.UnifiedJedis redis, PipelinePartitions partitions) {
        this.redis = redis;
        this.partitions = partitions;
    }

    /** Deletes them all; the list of issues last, since erasing the person from their issues reads it. */
    public void erase(Reporter person) {
        String channel = person.channel();
        String user = person.userId();
        String tag = partitions.tagOf(channel, user);
        List<String> keys = new java.util.ArrayList<>(List.of(
                RedisKeys.inbox(channel, user),
                RedisKeys.sessionProfile(tag, channel, user),
                RedisKeys.sessionPending(tag, channel, user),
                RedisKeys.userProfile(channel, user), // kept before the pipeline was partitioned
                RedisKeys.userPending(channel, user)));
        if (WEBCHAT.equals(channel)) {
            keys.add(RedisKeys.webChatClaim(user));
        }
        keys.add(RedisKeys.userIssues(channel, user));
        keys.add(RedisKeys.sessionIssues(tag, channel, user));
        for (String key : keys) {
            redis.del(key);
        }
    }
}
