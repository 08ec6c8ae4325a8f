package cn.shangliang.store;

import cn.shangliang.consultation.ConcernDesk;
import cn.shangliang.consultation.IssueSummary;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Router;
import cn.shangliang.consultation.Routing;
import cn.shangliang.consultation.Texts;
import cn.shangliang.consultation.Topic;
import cn.shangliang.consultation.Town;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * Issues in Redis, all keys of a town in the slot {@code {town:<code>}}. Filing reserves the tracking number for the
 * request in one script and writes the issue in a second, so a request retried after a crash gets the same number and
 * one issue.
 */
public final class RedisConcernDesk implements ConcernDesk {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final long REQUEST_TTL = java.time.Duration.ofDays(8).toSeconds();

    private static final LuaScript RESERVE = new LuaScript("""
            local existing = redis.call('GET', KEYS[1])
            if existing then return existing end
            local n = redis.call('INCR', KEYS[2])
            redis.call('EXPIRE', KEYS[2], 172800)
            local number = ARGV[1] .. string.format('%04d', n)
            redis.call('SET', KEYS[1], number, 'EX', ARGV[2])
            return number
            """);

    private static final LuaScript WRITE = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then
              redis.call('HSET', KEYS[1], unpack(ARGV, 2))
              redis.call('SADD', KEYS[2], ARGV[1])
            end
            return 1
            """);

    private static final LuaScript SUPPORT = new LuaScript("""
            local status = redis.call('HGET', KEYS[1], 'status')
            if not status or status == 'CLOSED' or status == 'REJECTED' or status == 'MERGED' then return 0 end
            if redis.call('HGET', KEYS[1], 'reporter') ~= ARGV[1] then
              redis.call('SADD', KEYS[2], ARGV[1])
            end
            redis.call('SET', KEYS[3], '1', 'EX', ARGV[2])
            return 1
            """);

    private final UnifiedJedis redis;
    private final Regions regions;
    private final Clock clock;
    private final Router router;
    private final Consumer<Topic> published;

    /** @param published told of every new or changed issue, so that the matcher sees it */
    public RedisConcernDesk(
            UnifiedJedis redis, Regions regions, Router router, Clock clock, Consumer<Topic> published) {
        this.redis = redis;
        this.regions = regions;
        this.router = router;
        this.clock = clock;
        this.published = published;
    }

    @Override
    public IssueSummary file(String requestKey, Reporter reporter, Place place, String text) {
        Town town = regions.town(place.town())
                .orElseThrow(() -> new IllegalArgumentException("unknown town " + place.town()));
        Instant now = clock.instant();
        String day = LocalDate.ofInstant(now, clock.getZone()).format(DAY);
        String number = (String) RESERVE.run(
                redis,
                List.of(RedisKeys.townRequest(town.code(), requestKey), RedisKeys.dailySequence(town.code(), day)),
                List.of(town.code() + "-" + day + "-", Long.toString(REQUEST_TTL)));
        Routing routing = router.route(text, place);
        Topic.Level level = routing.level();
        String title = Texts.title(text);
        List<String> args = new ArrayList<>(List.of(number));
        Map<String, String> fields = new HashMap<>();
        fields.put("tracking_no", number);
        fields.put("town", place.town());
        fields.put("village", place.village());
        fields.put("level", level.name());
        fields.put("category", routing.category());
        fields.put("needs_review", routing.needsReview() ? "1" : "0");
        fields.put("title", title);
        fields.put("text", Texts.mask(text));
        fields.put("raw_text", text);
        fields.put("status", Topic.Status.RECEIVED.name());
        fields.put("created_at", Long.toString(now.toEpochMilli()));
        fields.put("reporter", member(reporter));
        fields.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        WRITE.run(redis, List.of(RedisKeys.issue(town.code(), number), RedisKeys.openIssues(town.code())), args);
        remember(reporter, number, now);
        IssueSummary issue = find(number).orElseThrow();
        published.accept(topic(number).orElseThrow());
        return issue;
    }

    @Override
    public Optional<IssueSummary> support(String requestKey, Reporter reporter, String trackingNo) {
        Optional<String> code = codeOf(trackingNo);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        Object ok = SUPPORT.run(
                redis,
                List.of(
                        RedisKeys.issue(code.get(), trackingNo),
                        RedisKeys.issueSupporters(code.get(), trackingNo),
                        RedisKeys.townRequest(code.get(), requestKey)),
                List.of(member(reporter), Long.toString(REQUEST_TTL)));
        if (!Long.valueOf(1).equals(ok)) {
            return Optional.empty();
        }
        remember(reporter, trackingNo, clock.instant());
        return find(trackingNo);
    }

    @Override
    public Optional<IssueSummary> find(String trackingNo) {
        Optional<String> code = codeOf(trackingNo);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> h = redis.hgetAll(RedisKeys.issue(code.get(), trackingNo));
        if (h.isEmpty()) {
            return Optional.empty();
        }
        long supporters = redis.scard(RedisKeys.issueSupporters(code.get(), trackingNo));
        return Optional.of(new IssueSummary(
                trackingNo,
                h.get("title"),
                new Place(h.get("town"), h.get("village")),
                Topic.Level.valueOf(h.get("level")),
                Topic.Status.valueOf(h.get("status")),
                (int) supporters,
                Instant.ofEpochMilli(Long.parseLong(h.get("created_at")))));
    }

    @Override
    public List<IssueSummary> of(Reporter reporter, int max) {
        List<IssueSummary> issues = new ArrayList<>();
        for (String number : redis.zrevrange(RedisKeys.userIssues(reporter.channel(), reporter.userId()), 0, max - 1)) {
            find(number).ifPresent(issues::add);
        }
        return issues;
    }

    /** Every open issue as a topic, for building the matcher's index. */
    public List<Topic> openTopics() {
        List<Topic> topics = new ArrayList<>();
        for (Town town : regions.towns()) {
            for (String number : redis.smembers(RedisKeys.openIssues(town.code()))) {
                topic(number).filter(t -> t.status().isOpen()).ifPresent(topics::add);
            }
        }
        return topics;
    }

    private Optional<Topic> topic(String number) {
        Optional<String> code = codeOf(number);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> h = redis.hgetAll(RedisKeys.issue(code.get(), number));
        if (h.isEmpty()) {
            return Optional.empty();
        }
        Topic.Level level = Topic.Level.valueOf(h.get("level"));
        return Optional.of(new Topic(
                number,
                h.get("town"),
                level == Topic.Level.TOWN ? "" : h.get("village"),
                level,
                h.get("title"),
                h.get("text"),
                Topic.Status.valueOf(h.get("status"))));
    }

    private void remember(Reporter reporter, String number, Instant at) {
        redis.zadd(
                RedisKeys.userIssues(reporter.channel(), reporter.userId()),
                at.toEpochMilli(),
                number,
                ZAddParams.zAddParams().nx());
    }

    private static String member(Reporter reporter) {
        return reporter.channel() + "\t" + reporter.userId();
    }

    private Optional<String> codeOf(String trackingNo) {
        int dash = trackingNo.indexOf('-');
        if (dash < 2) {
            return Optional.empty();
        }
        String code = trackingNo.substring(0, dash);
        return regions.towns().stream().map(Town::code).filter(code::equals).findFirst();
    }
}
