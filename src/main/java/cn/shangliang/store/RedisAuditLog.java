package cn.shangliang.store;

import cn.shangliang.consultation.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The audit log as one Redis stream, bounded twice at every entry: at most about {@code maxEntries} (MAXLEN ~) and
 * nothing older than {@code keep} (exact MINID, so that age holds however few entries there are; measured on the
 * stream's own ids, which are Redis's clock).
 */
public final class RedisAuditLog implements AuditLog {

    private static final LuaScript ADD = new LuaScript("""
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
              'at', ARGV[3], 'who', ARGV[4], 'action', ARGV[5], 'what', ARGV[6], 'detail', ARGV[7])
            local ms = tonumber(string.match(id, '^(%d+)'))
            redis.call('XTRIM', KEYS[1], 'MINID', ms - tonumber(ARGV[2]))
            return id
            """);

    private final UnifiedJedis redis;
    private final Duration keep;
    private final int maxEntries;

    public RedisAuditLog(UnifiedJedis redis, Duration keep, int maxEntries) {
        this.redis = redis;
        this.keep = keep;
        this.maxEntries = maxEntries;
    }

    @Override
    public void record(Entry entry) {
        ADD.run(
                redis,
                List.of(RedisKeys.auditLog()),
                List.of(
                        Integer.toString(maxEntries),
                        Long.toString(keep.toMillis()),
                        Long.toString(entry.at().toEpochMilli()),
                        entry.who(),
                        entry.action(),
                        entry.what(),
                        entry.detail()));
    }

    @Override
    public List<Entry> recent(String before, int max) {
        String end = before == null || before.isBlank() ? "+" : "(" + before;
        List<Entry> entries = new ArrayList<>();
        for (StreamEntry e : redis.xrevrange(RedisKeys.auditLog(), end, "-", max)) {
            Map<String, String> f = e.getFields();
            entries.add(new Entry(
                    e.getID().toString(),
                    Instant.ofEpochMilli(Long.parseLong(f.getOrDefault("at", "0"))),
                    f.getOrDefault("who", ""),
                    f.getOrDefault("action", ""),
                    f.getOrDefault("what", ""),
                    f.getOrDefault("detail", "")));
        }
        return entries;
    }
}
