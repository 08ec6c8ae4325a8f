package cn.shangliang.store;

import cn.shangliang.consultation.Topic;
import cn.shangliang.matching.TopicChange;
import cn.shangliang.matching.TopicFeed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Topics in Redis: a hash of their current state and a stream of their changes, written together by one script (both
 * keys share the hash tag {@code {topics}}, so this holds on a cluster too). Every process follows the stream to keep its
 * index current.
 */
public final class RedisTopicStore implements TopicFeed {

    /** The stream keeps about this many changes; a follower further behind than that rebuilds on restart anyway. */
    static final long STREAM_MAX_LENGTH = 100_000;

    private static final String SAVE = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            return redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', 'kind', ARGV[2], 'topic', ARGV[3])
            """;

    private final UnifiedJedis redis;
    private final ObjectMapper json;

    public RedisTopicStore(UnifiedJedis redis, ObjectMapper json) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * The stream is capped: when it is near its cap and its oldest entry is newer than {@code position}, changes the
     * caller has not seen may have been trimmed away.
     */
    private void requireNoGap(String position) {
        if (redis.xlen(RedisKeys.topicChanges()) < STREAM_MAX_LENGTH * 9 / 10) {
            return;
        }
        List<StreamEntry> first = redis.xrange(RedisKeys.topicChanges(), "-", "+", 1);
        if (!first.isEmpty() && first.get(0).getID().compareTo(new StreamEntryID(position)) > 0) {
            throw new GapException("oldest kept change " + first.get(0).getID() + " is after " + position);
        }
    }

    /** Writes the topic's current state and appends the change, atomically; returns the change's stream position. */
    public String save(Topic topic, TopicChange.Kind kind) {
        Object id = redis.eval(
                SAVE,
                List.of(RedisKeys.topics(), RedisKeys.topicChanges()),
                List.of(topic.id(), kind.name(), toJson(topic), Long.toString(STREAM_MAX_LENGTH)));
        return String.valueOf(id);
    }

    @Override
    public Snapshot snapshot() {
        List<StreamEntry> last = redis.xrevrange(RedisKeys.topicChanges(), "+", "-", 1);
        String position = last.isEmpty() ? "0-0" : last.get(0).getID().toString();
        List<Topic> topics = new ArrayList<>();
        ScanParams params = new ScanParams().count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<Map.Entry<String, String>> page = redis.hscan(RedisKeys.topics(), cursor, params);
            for (Map.Entry<String, String> entry : page.getResult()) {
                topics.add(fromJson(entry.getValue()));
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return new Snapshot(topics, position);
    }

    @Override
    public List<TopicChange> changesAfter(String position, Duration wait) {
        requireNoGap(position);
        var streams = redis.xread(
                XReadParams.xReadParams().count(1000).block((int) Math.max(1, wait.toMillis())),
                Map.of(RedisKeys.topicChanges(), new StreamEntryID(position)));
        List<TopicChange> changes = new ArrayList<>();
        if (streams == null) {
            return changes;
        }
        for (Map.Entry<String, List<StreamEntry>> stream : streams) {
            for (StreamEntry entry : stream.getValue()) {
                Map<String, String> fields = entry.getFields();
                changes.add(new TopicChange(
                        entry.getID().toString(),
                        TopicChange.Kind.valueOf(fields.get("kind")),
                        fromJson(fields.get("topic"))));
            }
        }
        return changes;
    }

    private String toJson(Topic topic) {
        try {
            return json.writeValueAsString(topic);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise topic " + topic.id(), e);
        }
    }

    private Topic fromJson(String value) {
        try {
            return json.readValue(value, Topic.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable topic in Redis: " + value, e);
        }
    }
}
