package cn.shangliang.store;

import cn.shangliang.dialogue.Pending;
import cn.shangliang.dialogue.Session;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Sessions in two keys of the user's slot: the profile (kept) and the pending question with the last answer (expires
 * after the session TTL). Both are read in one pipelined round trip and written in one MULTI/EXEC.
 */
public final class RedisSessionStore implements cn.shangliang.dialogue.SessionStore {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Pending.None.class, name = "none"),
        @JsonSubTypes.Type(value = Pending.AskPlace.class, name = "ask_place"),
        @JsonSubTypes.Type(value = Pending.AskChoice.class, name = "ask_choice"),
        @JsonSubTypes.Type(value = Pending.AskConfirm.class, name = "ask_confirm"),
        @JsonSubTypes.Type(value = Pending.AskRating.class, name = "ask_rating")
    })
    private interface PendingMixin {}

    private record Transient(Pending pending, String lastKey, List<String> lastReplies) {}

    private final UnifiedJedis redis;
    private final Json json;
    private final Duration ttl;

    public RedisSessionStore(UnifiedJedis redis, ObjectMapper mapper, Duration ttl) {
        this.redis = redis;
        this.json = new Json(mapper.copy().addMixIn(Pending.class, PendingMixin.class));
        this.ttl = ttl;
    }

    @Override
    public Session load(String channel, String userId) {
        Map<String, String> profile;
        String pending;
        try (AbstractPipeline pipeline = redis.pipelined()) { // both keys in one round trip
            Response<Map<String, String>> profileReply = pipeline.hgetAll(RedisKeys.userProfile(channel, userId));
            Response<String> pendingReply = pipeline.get(RedisKeys.userPending(channel, userId));
            pipeline.sync();
            profile = profileReply.get();
            pending = pendingReply.get();
        }
        Transient t = pending == null
                ? new Transient(new Pending.None(), "", List.of())
                : json.read(pending, Transient.class);
        return new Session(
                profile.getOrDefault("place", ""),
                profile.getOrDefault("language", ""),
                "1".equals(profile.get("unsubscribed")),
                t.pending(),
                t.lastKey(),
                t.lastReplies());
    }

    @Override
    public void save(String channel, String userId, Session session) {
        String profileKey = RedisKeys.userProfile(channel, userId);
        try (AbstractTransaction tx = redis.multi()) {
            tx.hset(
                    profileKey,
                    Map.of(
                            "place", session.place(),
                            "language", session.language(),
                            "unsubscribed", session.unsubscribed() ? "1" : "0"));
            tx.setex(
                    RedisKeys.userPending(channel, userId),
                    ttl.toSeconds(),
                    json.write(new Transient(session.pending(), session.lastKey(), session.lastReplies())));
            tx.exec();
        }
    }
}
