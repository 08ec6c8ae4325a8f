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
import java.util.function.Function;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Sessions in two keys in the partition of the user's messages ({@link PipelinePartitions}): the profile (kept) and
 * the pending question with the last answer (expires after the session TTL). Both are read in one pipelined round trip and written by one script; within a worker's
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

    /**
     * Lua that writes one session, shared by {@link #SAVE} and the pipeline's completion (which carries the sender's
     * session): with {@code k} and {@code s} the offsets of its KEYS and ARGV, KEYS: profile, pending, the user's
     * issues (all in the user's partition); ARGV: place, language, unsubscribed, pending JSON, session TTL seconds,
     * visitor seconds, language heard. The profile of someone named on no issue expires (a visitor's).
     */
    static final String WRITE_SESSION = """
            redis.call('HSET', KEYS[k + 1], 'place', ARGV[s + 1], 'language', ARGV[s + 2], 'unsubscribed', ARGV[s + 3],
              'heard', ARGV[s + 7])
            redis.call('SET', KEYS[k + 2], ARGV[s + 4], 'EX', ARGV[s + 5])
            if redis.call('EXISTS', KEYS[k + 3]) == 1 then
              redis.call('PERSIST', KEYS[k + 1])
            else
              redis.call('EXPIRE', KEYS[k + 1], ARGV[s + 6])
            end
            """;

    /** The session alone (keys and arguments as {@link #WRITE_SESSION} at offset 0). */
    private static final LuaScript SAVE = new LuaScript("local k, s = 0, 0\n" + WRITE_SESSION + "return 1\n");

    private final UnifiedJedis redis;
    private final Json json;
    private final Duration ttl;
    private final Duration visitorKeep;
    private final PipelinePartitions partitions;
    private final Optional<PipelineLayout.Earlier> earlier;

    /**
     * Sessions in the partitions of {@code layout}, read from the layout before it while a user has none there; the
     * profile of someone who never raised or supported anything expires {@code visitorKeep} after their last message.
     */
    public RedisSessionStore(
            UnifiedJedis redis, ObjectMapper mapper, Duration ttl, PipelineLayout layout, Duration visitorKeep) {
        this.redis = redis;
        this.json = new Json(mapper.copy().addMixIn(Pending.class, PendingMixin.class));
        this.ttl = ttl;
        this.visitorKeep = visitorKeep;
        this.partitions = layout.partitions();
        this.earlier = layout.fallback();
    }

    /** Visitors' profiles kept 180 days. */
    public RedisSessionStore(UnifiedJedis redis, ObjectMapper mapper, Duration ttl, PipelineLayout layout) {
        this(redis, mapper, ttl, layout, Duration.ofDays(180));
    }

    /** Sessions in the default partitions, visitors' profiles kept {@code visitorKeep} (tests). */
    public RedisSessionStore(UnifiedJedis redis, ObjectMapper mapper, Duration ttl, Duration visitorKeep) {
        this(redis, mapper, ttl, PipelineLayout.of(PipelinePartitions.defaults()), visitorKeep);
    }

    /** Sessions in the default partitions, nothing before them (tests). */
    public RedisSessionStore(UnifiedJedis redis, ObjectMapper mapper, Duration ttl) {
        this(redis, mapper, ttl, PipelineLayout.of(PipelinePartitions.defaults()));
    }

    @Override
    public Session load(String channel, String userId) {
        Optional<Session> seen = LaneBatch.current().flatMap(b -> b.seen(userKey(channel, userId)));
        if (seen.isPresent()) {
            return seen.get();
        }
        return read(Map.of(userKey(channel, userId), new User(channel, userId))).get(userKey(channel, userId));
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
        Map<String, User> users = new LinkedHashMap<>();
        for (Inbound m : messages) {
            String user = userKey(m.channel(), m.userId());
            if (!batch.get().hasSeen(user)) {
                users.putIfAbsent(user, new User(m.channel(), m.userId()));
            }
        }
        if (!users.isEmpty()) {
            read(users).forEach(batch.get()::sender);
        }
    }

    /**
     * Reads sessions in one round trip; those of users with nothing in their partition are read again from the layout
     * before (one more round trip, only while a layout switch is recent).
     */
    private Map<String, Session> read(Map<String, User> users) {
        Map<String, Stored> stored = readAll(users, this::keysOf);
        if (earlier.isEmpty()) {
            return sessions(stored);
        }
        Map<String, User> missing = new LinkedHashMap<>();
        stored.forEach((user, s) -> {
            if (s.isEmpty()) {
                missing.put(user, users.get(user));
            }
        });
        if (!missing.isEmpty()) {
            stored.putAll(readAll(missing, u -> earlierKeys(earlier.get(), u)));
        }
        return sessions(stored);
    }

    private Map<String, Stored> readAll(Map<String, User> users, Function<User, Keys> keys) {
        Map<String, Stored> reads = new LinkedHashMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            users.forEach((user, u) -> reads.put(user, queueRead(pipeline, keys.apply(u))));
            pipeline.sync();
        }
        return reads;
    }

    private static Map<String, Session> sessions(Map<String, Stored> stored) {
        Map<String, Session> out = new LinkedHashMap<>();
        stored.forEach((user, s) -> out.put(user, s.session()));
        return out;
    }

    /**
     * Writes the session, atomically (one script in the user's slot). The session of a sender of the current worker
     * batch waits for the completion of that sender's message, whose script writes it.
     */
    @Override
    public void save(String channel, String userId, Session session) {
        Keys k = keysOf(new User(channel, userId));
        String tag = partitions.tagOf(channel, userId);
        List<String> keys = List.of(k.profile(), k.pending(), RedisKeys.sessionIssues(tag, channel, userId));
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
            batch.get().write(user, session, new LaneBatch.Write(keys, args));
        } else {
            SAVE.run(redis, keys, args);
        }
    }

    /** The session script, for a session write that no completion takes along (queued by the completion's caller). */
    static LuaScript saveScript() {
        return SAVE;
    }

    static String userKey(String channel, String userId) {
        return channel + "\n" + userId;
    }

    private record User(String channel, String userId) {}

    private record Keys(String profile, String pending) {}

    private Keys keysOf(User u) {
        String tag = partitions.tagOf(u.channel(), u.userId());
        return new Keys(
                RedisKeys.sessionProfile(tag, u.channel(), u.userId()),
                RedisKeys.sessionPending(tag, u.channel(), u.userId()));
    }

    private static Keys earlierKeys(PipelineLayout.Earlier earlier, User u) {
        return switch (earlier) {
            case PipelineLayout.Earlier.Unpartitioned x ->
                new Keys(
                        RedisKeys.userProfile(u.channel(), u.userId()), RedisKeys.userPending(u.channel(), u.userId()));
            case PipelineLayout.Earlier.Partitioned p -> {
                String tag = p.partitions().tagOf(u.channel(), u.userId());
                yield new Keys(
                        RedisKeys.sessionProfile(tag, u.channel(), u.userId()),
                        RedisKeys.sessionPending(tag, u.channel(), u.userId()));
            }
            case PipelineLayout.Earlier.None n -> throw new IllegalStateException("no earlier layout");
        };
    }

    /** The two replies of a session read, turned into a session once the pipeline has run. */
    private record Stored(Response<Map<String, String>> profile, Response<String> pending, Json json) {
        boolean isEmpty() {
            return profile.get().isEmpty() && pending.get() == null;
        }

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

    private Stored queueRead(AbstractPipeline pipeline, Keys keys) {
        return new Stored(pipeline.hgetAll(keys.profile()), pipeline.get(keys.pending()), json);
    }
}
