package cn.shangliang.store;

import cn.shangliang.channel.Inbound;
import cn.shangliang.dialogue.Pending;
import cn.shangliang.dialogue.Session;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Sessions in two keys of the user's slot: the profile and the pending question with the last answer (expires after
 * the session TTL). The profile of someone who raised or supports an issue is kept (while their list of issues is);
 * anyone else's expires {@code visitorKeep} after their last message, so one-off visitors leave nothing behind. Both are read in one pipelined round trip and written by one script; within a worker's
 * batch ({@link LaneBatch}) reads happen once for the batch and writes go with the messages' completion.
 */
public final class RedisSessionStore implements cn.shangliang.dialogue.SessionStore {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Pending.None.class, name = "none"),
        @JsonSubTypes.Type(value = Pending.AskPlace.class, name = "ask_place"),
        @JsonSubTypes.Type(value = Pending.AskVillage.class, name = "ask_village"),
        @JsonSubTypes.Type(value = Pending.AskChoice.class, name = "ask_choice"),
        @JsonSubTypes.Type(value = Pending.AskConfirm.class, name = "ask_confirm"),
        @JsonSubTypes.Type(value = Pending.AskRating.class, name = "ask_rating"),
        @JsonSubTypes.Type(value = Pending.AskErase.class, name = "ask_erase"),
        @JsonSubTypes.Type(value = Pending.AskConcern.class, name = "ask_concern"),
        @JsonSubTypes.Type(value = Pending.AskWhichMeeting.class, name = "ask_which_meeting")
    })
    private interface PendingMixin {}

    private record Transient(Pending pending, String lastKey, List<String> lastReplies) {}

    /** The profile (kept) and the pending question with the last answer (expiring), written together. */
    private static final LuaScript SAVE = new LuaScript("""
            redis.call('HSET', KEYS[1], 'place', ARGV[1], 'language', ARGV[2], 'unsubscribed', ARGV[3], 'heard', ARGV[7])
            redis.call('SET', KEYS[2], ARGV[4], 'EX', ARGV[5])
            if redis.call('EXISTS', KEYS[3]) == 1 then
              redis.call('PERSIST', KEYS[1])
            else
              redis.call('EXPIRE', KEYS[1], ARGV[6])
            end
            return 1
            """);

    private final UnifiedJedis redis;
    private final Json json;
    private final Duration ttl;
    private final Duration visitorKeep;

    /** Profiles of people who never raised anything are kept 180 days after their last message. */
    public RedisSessionStore(UnifiedJedis redis, ObjectMapper mapper, Duration ttl) {
        this(redis, mapper, ttl, Duration.ofDays(180));
    }

    public RedisSessionStore(UnifiedJedis redis, ObjectMapper mapper, Duration ttl, Duration visitorKeep) {
        this.redis = redis;
        this.json = new Json(mapper.copy().addMixIn(Pending.class, PendingMixin.class));
        this.ttl = ttl;
        this.visitorKeep = visitorKeep;
    }

    @Override
    public Session load(String channel, String userId) {
        Optional<Session> seen = LaneBatch.current().flatMap(b -> b.seen(userKey(channel, userId)));
        if (seen.isPresent()) {
            return seen.get();
        }
        try (AbstractPipeline pipeline = redis.pipelined()) { // both keys in one round trip
            Stored stored = queueRead(pipeline, channel, userId);
            pipeline.sync();
            return stored.session();
        }
    }

    /**
     * Within a worker's batch ({@link LaneBatch}), reads the sessions of all these senders in one round trip and
     * keeps them in the batch: their changes then wait for the completion of the messages. Elsewhere does nothing.
     */
    @Override
    public void prefetch(List<Inbound> messages) {
        Optional<LaneBatch> batch = LaneBatch.current();
        if (batch.isEmpty()) {
            return;
        }
        Map<String, Stored> reads = new LinkedHashMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Inbound m : messages) {
                String user = userKey(m.channel(), m.userId());
                if (!batch.get().hasSeen(user) && !reads.containsKey(user)) {
                    reads.put(user, queueRead(pipeline, m.channel(), m.userId()));
                }
            }
            if (reads.isEmpty()) {
                return;
            }
            pipeline.sync();
        }
        reads.forEach((user, stored) -> batch.get().sender(user, stored.session()));
    }

    /**
     * Writes the session, atomically (one script in the user's slot). The session of a sender of the current worker
     * batch waits for the completion of the message being handled and goes to Redis in the same round trip.
     */
    @Override
    public void save(String channel, String userId, Session session) {
        List<String> keys = List.of(
                RedisKeys.userProfile(channel, userId),
                RedisKeys.userPending(channel, userId),
                RedisKeys.userIssues(channel, userId));
        List<String> args = List.of(
                session.place(),
                session.language(),
                session.unsubscribed() ? "1" : "0",
                json.write(new Transient(session.pending(), session.lastKey(), session.lastReplies())),
                Long.toString(ttl.toSeconds()),
                Long.toString(visitorKeep.toSeconds()),
                session.heard());
        String user = userKey(channel, userId);
        Optional<LaneBatch> batch = LaneBatch.current().filter(b -> b.isSender(user));
        if (batch.isPresent()) {
            // with its source: a session write that met NOSCRIPT would let the completion after it run without it
            batch.get().write(user, session, p -> SAVE.queueWithSource(p, keys, args));
        } else {
            SAVE.run(redis, keys, args);
        }
    }

    private static String userKey(String channel, String userId) {
        return channel + "\n" + userId;
    }

    /** The two replies of a session read, turned into a session once the pipeline has run. */
    private record Stored(Response<Map<String, String>> profile, Response<String> pending, Json json) {
        Session session() {
            Map<String, String> p = profile.get();
            String raw = pending.get();
            Transient t =
                    raw == null ? new Transient(new Pending.None(), "", List.of()) : json.read(raw, Transient.class);
            return new Session(
                    p.getOrDefault("place", ""),
                    p.getOrDefault("language", ""),
                    "1".equals(p.get("unsubscribed")),
                    t.pending(),
                    t.lastKey(),
                    t.lastReplies(),
                    p.getOrDefault("heard", ""));
        }
    }

    private Stored queueRead(AbstractPipeline pipeline, String channel, String userId) {
        return new Stored(
                pipeline.hgetAll(RedisKeys.userProfile(channel, userId)),
                pipeline.get(RedisKeys.userPending(channel, userId)),
                json);
    }
}
