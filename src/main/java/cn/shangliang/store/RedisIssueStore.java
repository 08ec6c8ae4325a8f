package cn.shangliang.store;

import cn.shangliang.consultation.IssueChange;
import cn.shangliang.consultation.IssueDetail;
import cn.shangliang.consultation.IssueRecord;
import cn.shangliang.consultation.IssueStore;
import cn.shangliang.consultation.Outbox;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Topic;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * Issues in Redis, all keys of a town in the slot {@code {town:<code>}}: a hash per issue, its history list and
 * supporters set, the town's open and all sets, the request keys already applied, and the town's outbox stream. A
 * planned change is applied by one script (compare-and-set on each issue's {@code version}, the writes, the outbox
 * entries and the request key together); the script knows no rule — no status, scope or level.
 */
public final class RedisIssueStore implements IssueStore, Outbox {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Duration REQUEST_TTL = Duration.ofDays(8);
    /** Import ids are remembered for good (ten years): re-importing a file must never duplicate. */
    private static final Duration IMPORT_TTL = Duration.ofDays(3650);

    private static final LuaScript RESERVE = new LuaScript("""
            local existing = redis.call('GET', KEYS[1])
            if existing then return existing end
            local n = redis.call('INCR', KEYS[2])
            redis.call('EXPIRE', KEYS[2], 172800)
            local number = ARGV[1] .. string.format('%04d', n)
            redis.call('SET', KEYS[1], number, 'EX', ARGV[2])
            return number
            """);

    /**
     * KEYS: request key, outbox, open set, all set, then per write its hash, history and supporters. ARGV[1]: the
     * plan as JSON {ttl, writes: [{no, expect, open, fields, history, supporters}], effects: [json…]}.
     */
    private static final LuaScript APPLY = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 'dup' end
            local plan = cjson.decode(ARGV[1])
            for i, w in ipairs(plan.writes) do
              local h = KEYS[3 * i + 2]
              local current = redis.call('HGET', h, 'version')
              if not current and redis.call('EXISTS', h) == 1 then current = '0' end
              if w.expect == '-1' then
                if current then return 'conflict' end
              elseif current ~= w.expect then
                return 'conflict'
              end
            end
            for i, w in ipairs(plan.writes) do
              local h, history, supporters = KEYS[3 * i + 2], KEYS[3 * i + 3], KEYS[3 * i + 4]
              local fields = {}
              for k, v in pairs(w.fields) do
                fields[#fields + 1] = k
                fields[#fields + 1] = v
              end
              redis.call('HSET', h, unpack(fields))
              for j = redis.call('LLEN', history) + 1, #w.history do
                redis.call('RPUSH', history, w.history[j])
              end
              if w.replace then redis.call('DEL', supporters) end
              if #w.supporters > 0 then redis.call('SADD', supporters, unpack(w.supporters)) end
              if w.open then redis.call('SADD', KEYS[3], w.no) else redis.call('SREM', KEYS[3], w.no) end
              redis.call('SADD', KEYS[4], w.no)
            end
            for _, e in ipairs(plan.effects) do
              redis.call('XADD', KEYS[2], '*', 'e', e)
            end
            redis.call('SET', KEYS[1], '1', 'EX', plan.ttl)
            return 'ok'
            """);

    private final UnifiedJedis redis;
    private final Json json;
    private final OutboxStream outbox;

    private final PipelinePartitions partitions;

    /** Issues with each resident's list in the default partitions (tests). */
    public RedisIssueStore(UnifiedJedis redis, ObjectMapper mapper) {
        this(redis, mapper, PipelinePartitions.defaults());
    }

    /** Issues with each resident's list of issues in the partition of their messages. */
    public RedisIssueStore(UnifiedJedis redis, ObjectMapper mapper, PipelinePartitions partitions) {
        this.partitions = partitions;
        this.redis = redis;
        this.json = new Json(mapper);
        this.outbox = new OutboxStream(redis, json);
    }

    @Override
    public String reserve(String townCode, String requestKey, LocalDate day, boolean permanent) {
        String key =
                permanent ? RedisKeys.townImport(townCode, requestKey) : RedisKeys.townRequest(townCode, requestKey);
        String yyyymmdd = day.format(DAY);
        return (String) RESERVE.run(
                redis,
                List.of(key, RedisKeys.dailySequence(townCode, yyyymmdd)),
                List.of(
                        townCode + "-" + yyyymmdd + "-",
                        Long.toString((permanent ? IMPORT_TTL : REQUEST_TTL).toSeconds())));
    }

    @Override
    public Optional<IssueRecord> load(String townCode, String trackingNo) {
        Response<Map<String, String>> hash;
        Response<List<String>> history;
        Response<Set<String>> supporters;
        try (AbstractPipeline p = redis.pipelined()) {
            hash = p.hgetAll(RedisKeys.issue(townCode, trackingNo));
            history = p.lrange(RedisKeys.issueHistory(townCode, trackingNo), 0, -1);
            supporters = p.smembers(RedisKeys.issueSupporters(townCode, trackingNo));
            p.sync();
        }
        Map<String, String> h = hash.get();
        if (h.isEmpty()) {
            return Optional.empty();
        }
        List<IssueDetail.HistoryEntry> entries = new ArrayList<>();
        for (String entry : history.get()) {
            entries.add(json.read(entry, IssueDetail.HistoryEntry.class));
        }
        Set<Reporter> people = new LinkedHashSet<>();
        supporters.get().stream().sorted().map(RedisIssueStore::reporter).forEach(people::add);
        String reporter = h.getOrDefault("reporter", "");
        return Optional.of(new IssueRecord(
                trackingNo,
                h.get("town"),
                h.get("village"),
                Topic.Level.valueOf(h.get("level")),
                Topic.Status.valueOf(h.get("status")),
                h.get("category"),
                "1".equals(h.get("needs_review")),
                h.get("title"),
                h.get("text"),
                h.get("raw_text"),
                reporter.isEmpty() ? Optional.empty() : Optional.of(reporter(reporter)),
                people,
                Integer.parseInt(h.getOrDefault("extra_supporters", "0")),
                Instant.ofEpochMilli(Long.parseLong(h.get("created_at"))),
                h.get("outcome"),
                h.get("rating"),
                h.get("merged_into"),
                h.get("imported_id"),
                entries,
                Long.parseLong(h.getOrDefault("version", "0"))));
    }

    @Override
    public List<String> numbers(String townCode, boolean openOnly) {
        return List.copyOf(redis.smembers(openOnly ? RedisKeys.openIssues(townCode) : RedisKeys.allIssues(townCode)));
    }

    @Override
    public List<String> ofUser(Reporter reporter, int max) {
        List<String> numbers = redis.zrevrange(issuesOf(reporter), 0, max - 1);
        return numbers.isEmpty() // a list kept before the pipeline was partitioned
                ? redis.zrevrange(RedisKeys.userIssues(reporter.channel(), reporter.userId()), 0, max - 1)
                : numbers;
    }

    private String issuesOf(Reporter reporter) {
        return RedisKeys.sessionIssues(
                partitions.tagOf(reporter.channel(), reporter.userId()), reporter.channel(), reporter.userId());
    }

    @Override
    public boolean applied(String townCode, String requestKey) {
        return redis.exists(RedisKeys.townRequest(townCode, requestKey));
    }

    @Override
    public IssueChange.Outcome apply(IssueChange change) {
        String code = change.townCode();
        List<String> keys = new ArrayList<>(List.of(
                RedisKeys.townRequest(code, change.requestKey()),
                RedisKeys.outbox(code),
                RedisKeys.openIssues(code),
                RedisKeys.allIssues(code)));
        List<Map<String, Object>> writes = new ArrayList<>();
        for (IssueChange.Write w : change.writes()) {
            IssueRecord r = w.after();
            keys.add(RedisKeys.issue(code, r.trackingNo()));
            keys.add(RedisKeys.issueHistory(code, r.trackingNo()));
            keys.add(RedisKeys.issueSupporters(code, r.trackingNo()));
            Map<String, Object> write = new LinkedHashMap<>();
            write.put("no", r.trackingNo());
            write.put("expect", Long.toString(w.expectedVersion()));
            write.put("open", r.status().isOpen());
            write.put("replace", w.replacesPeople());
            write.put("fields", fields(r, w.expectedVersion() < 0 ? 1 : w.expectedVersion() + 1));
            write.put("history", r.history().stream().map(json::write).toList());
            write.put(
                    "supporters",
                    r.supporters().stream().map(RedisIssueStore::member).toList());
            writes.add(write);
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("ttl", Long.toString(REQUEST_TTL.toSeconds()));
        plan.put("writes", writes);
        plan.put(
                "effects",
                change.effects().stream()
                        .map(e -> json.write(StoredEffect.of(e)))
                        .toList());
        Object result = APPLY.run(redis, keys, List.of(json.write(plan)));
        return switch (String.valueOf(result)) {
            case "ok" -> IssueChange.Outcome.APPLIED;
            case "dup" -> IssueChange.Outcome.ALREADY_APPLIED;
            default -> IssueChange.Outcome.CONFLICT;
        };
    }

    private static Map<String, String> fields(IssueRecord r, long version) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("tracking_no", r.trackingNo());
        f.put("town", r.town());
        f.put("village", r.village());
        f.put("level", r.level().name());
        f.put("status", r.status().name());
        f.put("category", r.category());
        f.put("needs_review", r.needsReview() ? "1" : "0");
        f.put("title", r.title());
        f.put("text", r.text());
        f.put("raw_text", r.rawText());
        f.put("reporter", r.reporter().map(RedisIssueStore::member).orElse(""));
        f.put("extra_supporters", Integer.toString(r.extraSupporters()));
        f.put("created_at", Long.toString(r.createdAt().toEpochMilli()));
        f.put("outcome", r.outcome());
        f.put("rating", r.rating());
        f.put("merged_into", r.mergedInto());
        f.put("imported_id", r.importedId());
        f.put("version", Long.toString(version));
        return f;
    }

    @Override
    public void remember(Reporter reporter, String trackingNo, Instant at) {
        redis.zadd(
                issuesOf(reporter),
                at.toEpochMilli(),
                trackingNo,
                ZAddParams.zAddParams().nx());
        // named on an issue now: the profile (place, language) is kept, not left to expire like a visitor's
        redis.persist(RedisKeys.sessionProfile(
                partitions.tagOf(reporter.channel(), reporter.userId()), reporter.channel(), reporter.userId()));
    }

    @Override
    public void forget(Reporter reporter, String trackingNo) {
        redis.zrem(issuesOf(reporter), trackingNo);
        redis.zrem(RedisKeys.userIssues(reporter.channel(), reporter.userId()), trackingNo);
    }

    @Override
    public List<Entry> pending(String townCode, int max) {
        return outbox.pending(RedisKeys.outbox(townCode), max);
    }

    @Override
    public void delivered(String townCode, List<Entry> entries) {
        outbox.delivered(RedisKeys.outbox(townCode), entries);
    }

    private static String member(Reporter reporter) {
        return reporter.channel() + "\t" + reporter.userId();
    }

    private static Reporter reporter(String member) {
        int tab = member.indexOf('\t');
        return new Reporter(member.substring(0, tab), member.substring(tab + 1));
    }
}
