package cn.shangliang.store;

import cn.shangliang.consultation.ConcernDesk;
import cn.shangliang.consultation.IssueAction;
import cn.shangliang.consultation.IssueBook;
import cn.shangliang.consultation.IssueDetail;
import cn.shangliang.consultation.IssueSummary;
import cn.shangliang.consultation.Lifecycle;
import cn.shangliang.consultation.Notifier;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Router;
import cn.shangliang.consultation.Routing;
import cn.shangliang.consultation.Staff;
import cn.shangliang.consultation.Texts;
import cn.shangliang.consultation.Topic;
import cn.shangliang.consultation.Town;
import cn.shangliang.consultation.Transition;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
public final class RedisConcernDesk implements ConcernDesk, IssueBook {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final long REQUEST_TTL = java.time.Duration.ofDays(8).toSeconds();
    /** Import ids are remembered for good (ten years): re-importing a file must never duplicate. */
    private static final long IMPORT_TTL = java.time.Duration.ofDays(3650).toSeconds();

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
              redis.call('HSET', KEYS[1], unpack(ARGV, 3))
              if ARGV[2] == '1' then redis.call('SADD', KEYS[2], ARGV[1]) end
              redis.call('SADD', KEYS[3], ARGV[1])
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

    private static final LuaScript TRANSITION = new LuaScript("""
            if redis.call('EXISTS', KEYS[3]) == 1 then return 'dup' end
            if redis.call('HGET', KEYS[1], 'status') ~= ARGV[1] then return 'conflict' end
            redis.call('HSET', KEYS[1], 'status', ARGV[2], 'level', ARGV[3])
            if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'outcome', ARGV[5]) end
            if ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'needs_review', '0') end
            redis.call('RPUSH', KEYS[2], ARGV[4])
            redis.call('SET', KEYS[3], '1', 'EX', ARGV[6])
            if ARGV[7] == '0' then redis.call('SREM', KEYS[4], ARGV[9]) end
            if #KEYS > 4 then
              redis.call('SUNIONSTORE', KEYS[6], KEYS[6], KEYS[5])
              local reporter = redis.call('HGET', KEYS[1], 'reporter')
              if reporter and reporter ~= redis.call('HGET', KEYS[7], 'reporter') then
                redis.call('SADD', KEYS[6], reporter)
              end
            end
            return 'ok'
            """);

    private static final LuaScript RATE = new LuaScript("""
            if redis.call('HGET', KEYS[1], 'reporter') ~= ARGV[1] then return 0 end
            if redis.call('HGET', KEYS[1], 'status') ~= 'CLOSED' then return 0 end
            redis.call('HSET', KEYS[1], 'rating', ARGV[2], 'rated_at', ARGV[3])
            return 1
            """);

    private final UnifiedJedis redis;
    private final Regions regions;
    private final Clock clock;
    private final Router router;
    private final Consumer<Topic> published;
    private final Notifier notifier;
    private final java.time.Duration overdueAfter;
    private final Json json;

    /**
     * @param published told of every new or changed issue, so that the matcher sees it
     * @param overdueAfter an issue not yet scheduled after this long is flagged in its queue
     */
    public RedisConcernDesk(
            UnifiedJedis redis,
            Regions regions,
            Router router,
            Clock clock,
            Consumer<Topic> published,
            Notifier notifier,
            java.time.Duration overdueAfter,
            com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.redis = redis;
        this.regions = regions;
        this.router = router;
        this.clock = clock;
        this.published = published;
        this.notifier = notifier;
        this.overdueAfter = overdueAfter;
        this.json = new Json(mapper);
    }

    @Override
    public IssueSummary file(String requestKey, Reporter reporter, Place place, String text) {
        Town town = town(place);
        Instant now = clock.instant();
        String number = reserve(town, RedisKeys.townRequest(town.code(), requestKey), REQUEST_TTL, now);
        Routing routing = router.route(text, place);
        Map<String, String> fields = new HashMap<>();
        fields.put("town", place.town());
        fields.put("village", place.village());
        fields.put("level", routing.level().name());
        fields.put("category", routing.category());
        fields.put("needs_review", routing.needsReview() ? "1" : "0");
        fields.put("title", Texts.title(text));
        fields.put("text", Texts.mask(text));
        fields.put("raw_text", text);
        fields.put("status", Topic.Status.RECEIVED.name());
        fields.put("reporter", member(reporter));
        write(town, number, fields, now);
        remember(reporter, number, now);
        IssueSummary issue = find(number).orElseThrow();
        published.accept(topic(number).orElseThrow());
        return issue;
    }

    /**
     * Loads a topic a town already has (JSON lines of {@code import-topics}). Importing the same id again changes
     * nothing: the id keeps the tracking number it got the first time.
     */
    public IssueSummary importTopic(Topic topic, int supporters) {
        Place place = new Place(topic.town(), topic.village());
        Town town = town(place);
        Instant now = clock.instant();
        String number = reserve(town, RedisKeys.townImport(town.code(), topic.id()), IMPORT_TTL, now);
        Map<String, String> fields = new HashMap<>();
        fields.put("town", topic.town());
        fields.put("village", topic.village());
        fields.put("level", topic.level().name());
        fields.put("category", router.route(topic.text(), place).category());
        fields.put("needs_review", "0");
        fields.put("title", topic.title().isBlank() ? Texts.title(topic.text()) : Texts.mask(topic.title()));
        fields.put("text", Texts.mask(topic.text()));
        fields.put("raw_text", topic.text());
        fields.put("status", topic.status().name());
        fields.put("imported_id", topic.id());
        fields.put("extra_supporters", Integer.toString(Math.max(0, supporters)));
        write(town, number, fields, now);
        IssueSummary issue = find(number).orElseThrow();
        published.accept(topic(number).orElseThrow());
        return issue;
    }

    private Town town(Place place) {
        return regions.town(place.town())
                .orElseThrow(() -> new IllegalArgumentException("unknown town " + place.town()));
    }

    /** The tracking number for a request: reserved the first time, the same one after. */
    private String reserve(Town town, String requestKey, long ttlSeconds, Instant now) {
        String day = LocalDate.ofInstant(now, clock.getZone()).format(DAY);
        return (String) RESERVE.run(
                redis,
                List.of(requestKey, RedisKeys.dailySequence(town.code(), day)),
                List.of(town.code() + "-" + day + "-", Long.toString(ttlSeconds)));
    }

    /** Writes a new issue unless it exists; open issues join the town's open set. */
    private void write(Town town, String number, Map<String, String> fields, Instant now) {
        Map<String, String> all = new HashMap<>(fields);
        all.put("tracking_no", number);
        all.put("created_at", Long.toString(now.toEpochMilli()));
        boolean open = Topic.Status.valueOf(all.get("status")).isOpen();
        List<String> args = new ArrayList<>(List.of(number, open ? "1" : "0"));
        all.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        WRITE.run(
                redis,
                List.of(
                        RedisKeys.issue(town.code(), number),
                        RedisKeys.openIssues(town.code()),
                        RedisKeys.allIssues(town.code())),
                args);
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
        return detail(trackingNo).map(IssueDetail::summary);
    }

    @Override
    public List<IssueSummary> of(Reporter reporter, int max) {
        List<IssueSummary> issues = new ArrayList<>();
        for (String number : redis.zrevrange(RedisKeys.userIssues(reporter.channel(), reporter.userId()), 0, max - 1)) {
            find(number).ifPresent(issues::add);
        }
        return issues;
    }

    @Override
    public Optional<IssueDetail> detail(String trackingNo) {
        Optional<String> code = codeOf(trackingNo);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> h = redis.hgetAll(RedisKeys.issue(code.get(), trackingNo));
        if (h.isEmpty()) {
            return Optional.empty();
        }
        List<IssueDetail.HistoryEntry> history = new ArrayList<>();
        for (String json : redis.lrange(RedisKeys.issueHistory(code.get(), trackingNo), 0, -1)) {
            history.add(this.json.read(json, IssueDetail.HistoryEntry.class));
        }
        return Optional.of(new IssueDetail(
                trackingNo,
                h.get("title"),
                h.get("text"),
                h.get("town"),
                h.get("village"),
                Topic.Level.valueOf(h.get("level")),
                Topic.Status.valueOf(h.get("status")),
                h.getOrDefault("category", ""),
                "1".equals(h.get("needs_review")),
                (int) (redis.scard(RedisKeys.issueSupporters(code.get(), trackingNo))
                        + Long.parseLong(h.getOrDefault("extra_supporters", "0"))),
                Instant.ofEpochMilli(Long.parseLong(h.get("created_at"))),
                h.getOrDefault("outcome", ""),
                history,
                h.getOrDefault("rating", "")));
    }

    @Override
    public List<QueueEntry> queue(Place place) {
        Optional<Town> town = regions.town(place.town());
        if (town.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<QueueEntry> entries = new ArrayList<>();
        for (String number : redis.smembers(RedisKeys.openIssues(town.get().code()))) {
            detail(number)
                    .filter(d -> place.isTownOnly()
                            ? d.level() == Topic.Level.TOWN
                            : d.level() == Topic.Level.VILLAGE && d.village().equals(place.village()))
                    .ifPresent(d -> entries.add(new QueueEntry(d, overdue(d, now))));
        }
        entries.sort(Comparator.comparing((QueueEntry e) -> !e.overdue())
                .thenComparing(e -> !e.issue().needsReview())
                .thenComparing(e -> -e.issue().supporters())
                .thenComparing(e -> e.issue().createdAt()));
        return entries;
    }

    private boolean overdue(IssueDetail d, Instant now) {
        return (d.status() == Topic.Status.RECEIVED || d.status() == Topic.Status.ACCEPTED)
                && d.createdAt().plus(overdueAfter).isBefore(now);
    }

    @Override
    public Transition transition(String requestKey, Staff staff, String trackingNo, IssueAction action) {
        Optional<IssueDetail> found = detail(trackingNo);
        if (found.isEmpty()) {
            return new Transition.NotFound(trackingNo);
        }
        IssueDetail issue = found.get();
        if (!staff.covers(issue.town(), issue.village(), issue.level())) {
            return new Transition.Forbidden(trackingNo);
        }
        String code = codeOf(trackingNo).orElseThrow();
        String done = RedisKeys.townRequest(code, requestKey);
        if (redis.exists(done)) {
            return new Transition.Done(issue); // a redelivery: already applied and announced
        }
        Lifecycle.Decision decision = Lifecycle.decide(issue.status(), issue.level(), action);
        if (decision instanceof Lifecycle.Decision.Refuse refuse) {
            return new Transition.Refused(refuse.reason());
        }
        Lifecycle.Decision.Apply apply = (Lifecycle.Decision.Apply) decision;
        String target = action instanceof IssueAction.MergeInto m ? m.target().toUpperCase(Locale.ROOT) : "";
        List<String> keys = new ArrayList<>(List.of(
                RedisKeys.issue(code, trackingNo),
                RedisKeys.issueHistory(code, trackingNo),
                done,
                RedisKeys.openIssues(code)));
        if (!target.isEmpty()) {
            Optional<IssueDetail> survivor = detail(target);
            if (survivor.isEmpty() || !survivor.get().status().isOpen() || target.equals(trackingNo)) {
                return new Transition.Refused("merge_into needs another open issue (" + target + ")");
            }
            if (!survivor.get().town().equals(issue.town())
                    || !staff.covers(
                            survivor.get().town(),
                            survivor.get().village(),
                            survivor.get().level())) {
                return new Transition.Refused("can only merge into an issue of the same town within your scope");
            }
            keys.add(RedisKeys.issueSupporters(code, trackingNo));
            keys.add(RedisKeys.issueSupporters(code, target));
            keys.add(RedisKeys.issue(code, target));
        }
        String note = switch (action) {
            case IssueAction.MoveUp m -> m.reason();
            case IssueAction.MoveDown m -> m.reason();
            case IssueAction.Reject r -> r.reason();
            case IssueAction.RecordOutcome r -> r.outcome();
            case IssueAction.Schedule s -> s.note();
            case IssueAction.MergeInto m -> target;
            default -> "";
        };
        var entry = new IssueDetail.HistoryEntry(
                clock.instant(),
                staff.id(),
                action.name(),
                issue.status().name(),
                apply.status().name(),
                note);
        String outcome = action instanceof IssueAction.RecordOutcome r ? r.outcome() : "";
        String levelChanged = apply.level() != issue.level() ? "1" : "";
        Object result = TRANSITION.run(
                redis,
                keys,
                List.of(
                        issue.status().name(),
                        apply.status().name(),
                        apply.level().name(),
                        json.write(entry),
                        outcome,
                        Long.toString(REQUEST_TTL),
                        apply.status().isOpen() ? "1" : "0",
                        levelChanged,
                        trackingNo));
        if ("conflict".equals(result)) {
            return new Transition.Refused("the issue changed meanwhile; look again and retry");
        }
        IssueDetail updated = detail(trackingNo).orElseThrow();
        topic(trackingNo).ifPresent(published);
        if (!target.isEmpty()) {
            topic(target).ifPresent(published);
        }
        String reporter = redis.hget(RedisKeys.issue(code, trackingNo), "reporter");
        notifier.issueChanged(
                trackingNo + "#" + updated.history().size(),
                Optional.ofNullable(reporter).map(RedisConcernDesk::reporter),
                supporters(code, trackingNo),
                updated,
                target);
        return new Transition.Done(updated);
    }

    /** The supporters of an issue. */
    private List<Reporter> supporters(String code, String trackingNo) {
        List<Reporter> people = new ArrayList<>();
        for (String member : redis.smembers(RedisKeys.issueSupporters(code, trackingNo))) {
            Reporter r = reporter(member);
            if (!people.contains(r)) {
                people.add(r);
            }
        }
        return people;
    }

    private static Reporter reporter(String member) {
        int tab = member.indexOf('\t');
        return new Reporter(member.substring(0, tab), member.substring(tab + 1));
    }

    @Override
    public boolean rate(Reporter reporter, String trackingNo, Rating rating) {
        Optional<String> code = codeOf(trackingNo);
        if (code.isEmpty()) {
            return false;
        }
        Object ok = RATE.run(
                redis,
                List.of(RedisKeys.issue(code.get(), trackingNo)),
                List.of(member(reporter), rating.name(), Long.toString(clock.millis())));
        return Long.valueOf(1).equals(ok);
    }

    /** Every issue ever filed or imported in a town, open or not. */
    public List<IssueDetail> allOf(String townName) {
        Optional<Town> town = regions.town(townName);
        if (town.isEmpty()) {
            return List.of();
        }
        List<IssueDetail> issues = new ArrayList<>();
        for (String number : redis.smembers(RedisKeys.allIssues(town.get().code()))) {
            detail(number).ifPresent(issues::add);
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
