package cn.shangliang.app;

import cn.shangliang.channel.PipelineSettings;
import cn.shangliang.channel.dingtalk.DingTalkSettings;
import cn.shangliang.channel.telegram.TelegramSettings;
import cn.shangliang.consultation.Category;
import cn.shangliang.consultation.ConcernDesk;
import cn.shangliang.consultation.OpeningHours;
import cn.shangliang.consultation.People;
import cn.shangliang.consultation.Person;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Room;
import cn.shangliang.consultation.Router;
import cn.shangliang.consultation.Staff;
import cn.shangliang.consultation.Topic;
import cn.shangliang.consultation.Town;
import cn.shangliang.matching.MatchingSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything in {@code config/shangliang.yaml} (snake_case keys). Missing sections take the defaults below; every
 * value is checked here, once, with a message naming the value.
 */
public record AppConfig(
        Server server,
        String zone,
        Redis redis,
        String dataDir,
        String intentsDir,
        Pipeline pipeline,
        Channels channels,
        Dialogue dialogue,
        String synonymsFile,
        List<RegionEntry> regions,
        List<CategoryEntry> routing,
        RoutingThresholds routingThresholds,
        List<PersonEntry> people,
        String adminToken,
        Map<String, List<String>> commands,
        Map<String, List<String>> ratings,
        Matching matching,
        List<RoomEntry> rooms,
        List<Integer> reminderMinutesBefore,
        Privacy privacy) {

    public AppConfig {
        server = server == null ? new Server(null, null, null, null) : server;
        zone = zone == null ? "Asia/Shanghai" : zone;
        try {
            ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new ConfigValueException("zone", "unknown time zone '" + zone + "'");
        }
        redis = redis == null ? new Redis(null, null, null, null, null) : redis;
        dataDir = blank(dataDir) ? "./data" : dataDir;
        intentsDir = blank(intentsDir) ? DEFAULT_INTENTS : intentsDir;
        pipeline =
                pipeline == null ? new Pipeline(null, null, null, null, null, null, null, null, null, null) : pipeline;
        channels = channels == null ? new Channels(null, null, null, null, null, null) : channels;
        dialogue = dialogue == null ? new Dialogue(null, null, null, null, null, null) : dialogue;
        synonymsFile = blank(synonymsFile) ? DEFAULT_SYNONYMS : synonymsFile;
        regions = regions == null ? List.of() : List.copyOf(regions);
        routing = routing == null ? List.of() : List.copyOf(routing);
        routingThresholds = routingThresholds == null ? new RoutingThresholds(null, null) : routingThresholds;
        people = people == null ? List.of() : List.copyOf(people);
        adminToken = adminToken == null ? "" : adminToken;
        commands = commands == null ? Map.of() : Map.copyOf(commands);
        ratings = ratings == null ? Map.of() : Map.copyOf(ratings);
        matching = matching == null ? new Matching(null, null, null, null, null, null) : matching;
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
        privacy = privacy == null ? new Privacy(null, null, null, null, null) : privacy;
        reminderMinutesBefore = reminderMinutesBefore == null ? List.of(1440, 60) : List.copyOf(reminderMinutesBefore);
        for (int minutes : reminderMinutesBefore) {
            if (minutes < 1 || minutes > 30 * 1440) {
                throw new ConfigValueException(
                        "reminder_minutes_before", "each must be 1 to 43200 minutes (was " + minutes + ")");
            }
        }
        for (RoomEntry room : rooms) {
            try {
                hours(room.hours());
            } catch (IllegalArgumentException e) {
                throw new ConfigValueException("rooms." + room.id() + ".hours", e.getMessage());
            }
        }
        try {
            roomsModel(rooms, regionsModel(regions));
        } catch (IllegalArgumentException e) {
            throw new ConfigValueException("rooms", e.getMessage());
        }
        for (String name : ratings.keySet()) {
            try {
                ConcernDesk.Rating.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigValueException(
                        "ratings", "unknown rating '" + name + "' (satisfied, basically_satisfied, unsatisfied)");
            }
        }
        for (String name : commands.keySet()) {
            if (cn.shangliang.dialogue.CommandName.of(name).isEmpty()) {
                throw new ConfigValueException(
                        "commands",
                        "unknown command '" + name + "' (known: "
                                + java.util.Arrays.stream(cn.shangliang.dialogue.CommandName.values())
                                        .map(cn.shangliang.dialogue.CommandName::key)
                                        .collect(java.util.stream.Collectors.joining(", "))
                                + ")");
            }
        }
        try {
            peopleModel(people, regionsModel(regions));
        } catch (IllegalArgumentException e) {
            throw new ConfigValueException("people", e.getMessage());
        }
        for (int i = 0; i < routing.size(); i++) {
            CategoryEntry c = routing.get(i);
            if (c == null
                    || blank(c.name())
                    || c.keywords() == null
                    || c.keywords().isEmpty()) {
                throw new ConfigValueException("routing", "entry " + (i + 1) + " needs a name and keywords");
            }
        }
        try {
            regionsModel(regions);
        } catch (IllegalArgumentException e) {
            throw new ConfigValueException("regions", e.getMessage());
        }
    }

    /** The configured towns and villages, validated. */
    /** Used when the configuration names no {@code intents_dir}: here if the working directory has it, else built in. */
    static final String DEFAULT_INTENTS = "intents";

    /** Used when the configuration names no {@code synonyms_file}: here if present, else built in. */
    static final String DEFAULT_SYNONYMS = "config/synonyms.txt";

    /**
     * {@code intents_dir} as a path: as configured (the loader resolved it against the config file's directory); when
     * not configured, {@code ./intents} if the working directory has one, else the copy built into the jar.
     */
    public Path intentsPath() {
        Path path = BuiltIn.path(intentsDir);
        return intentsDir.equals(DEFAULT_INTENTS) && !java.nio.file.Files.isDirectory(path)
                ? BuiltIn.path(BuiltIn.INTENTS)
                : path;
    }

    /** {@code synonyms_file} as a path: as configured; when not, {@code ./config/synonyms.txt} or the jar's copy. */
    public Path synonymsPath() {
        Path path = BuiltIn.path(synonymsFile);
        return synonymsFile.equals(DEFAULT_SYNONYMS) && !java.nio.file.Files.isRegularFile(path)
                ? BuiltIn.path(BuiltIn.SYNONYMS)
                : path;
    }

    public Regions regionsModel() {
        return regionsModel(regions);
    }

    private static Regions regionsModel(List<RegionEntry> entries) {
        List<Town> towns = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            RegionEntry e = entries.get(i);
            if (e == null || blank(e.town()) || blank(e.code())) {
                throw new IllegalArgumentException("entry " + (i + 1) + " needs town and code");
            }
            towns.add(new Town(e.town(), e.code(), e.villages()));
        }
        return new Regions(towns);
    }

    /** The configured staff, members and leadership accounts, validated against the regions. */
    public People peopleModel() {
        return peopleModel(people, regionsModel());
    }

    private static People peopleModel(List<PersonEntry> entries, Regions regions) {
        List<Person> list = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            PersonEntry e = entries.get(i);
            if (e == null || blank(e.id())) {
                throw new IllegalArgumentException("entry " + (i + 1) + " needs an id");
            }
            Person.Kind kind;
            try {
                kind = Person.Kind.valueOf(e.role() == null ? "" : e.role().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(
                        "person " + e.id() + ": role must be staff, member or leadership (was '" + e.role() + "')");
            }
            Place scope = Place.parse(e.scope()).orElse(null);
            list.add(new Person(e.id(), e.name(), kind, scope, e.accounts() == null ? List.of() : e.accounts()));
        }
        return new People(list, regions);
    }

    /**
     * One entry of {@code people:}.
     *
     * @param role staff, member or leadership
     * @param scope a town or 镇/村 (required for staff)
     * @param accounts chat accounts as channel:user id, e.g. wecom:wangmin
     */
    public record PersonEntry(
            String id, String name, String role, String scope, List<String> accounts, String tokenEnv, String token) {
        public PersonEntry {
            token = token == null ? "" : token;
        }
    }

    /**
     * Thresholds of the match decision ({@code matching:}); similarities are in [0, 1]. Defaults are the values chosen
     * on the development set (docs/PERFORMANCE.md).
     */
    public record Matching(
            Double matchThreshold,
            Double minMargin,
            Double askThreshold,
            Integer maxCandidates,
            Integer retrievalDepth,
            Double semanticWeight) {
        /** The built-in settings: lexical and semantic similarity, evenly weighted. */
        public static final Matching DEFAULTS = new Matching(null, null, null, null, null, null);

        public Matching {
            semanticWeight = semanticWeight == null ? 0.5 : semanticWeight;
            if (!(semanticWeight >= 0 && semanticWeight <= 1)) {
                throw new ConfigValueException(
                        "semantic_weight", "must be in [0, 1] (0 = words only), was " + semanticWeight);
            }
            MatchingSettings d = semanticWeight > 0 ? MatchingSettings.SEMANTIC : MatchingSettings.DEFAULTS;
            matchThreshold = matchThreshold == null ? d.matchThreshold() : matchThreshold;
            minMargin = minMargin == null ? d.minMargin() : minMargin;
            askThreshold = askThreshold == null ? d.askThreshold() : askThreshold;
            maxCandidates = maxCandidates == null ? d.maxCandidates() : maxCandidates;
            retrievalDepth = retrievalDepth == null ? d.retrievalDepth() : retrievalDepth;
            try {
                settings(matchThreshold, minMargin, askThreshold, maxCandidates, retrievalDepth);
            } catch (IllegalArgumentException e) {
                // MatchingSettings says "matching.<key> <problem>": keep the key, the loader adds the section
                String message = e.getMessage().replaceFirst("^matching\\.", "");
                int space = message.indexOf(' ');
                throw new ConfigValueException(message.substring(0, space), message.substring(space + 1));
            }
        }

        private static MatchingSettings settings(double m, double margin, double ask, int max, int depth) {
            return new MatchingSettings(m, margin, ask, max, depth);
        }

        public MatchingSettings settings() {
            return settings(matchThreshold, minMargin, askThreshold, maxCandidates, retrievalDepth);
        }
    }

    /** One room of {@code rooms:}; {@code place} is 镇 or 镇/村. */
    public record RoomEntry(
            String id, String name, String place, String address, Integer capacity, HoursEntry hours, String since) {}

    /**
     * {@code hours:} of a room: the text shown to people and the ranges it is open, e.g. {@code {text: "周一至周五
     * 8:30-17:00", open: [{days: mon-fri, from: "08:30", to: "17:00"}]}}. Without {@code open} the room is always open.
     */
    public record HoursEntry(String text, List<OpenEntry> open) {}

    /** One opening range: {@code days} as {@code mon-fri}, {@code sat} or {@code mon,wed,fri}; times as {@code HH:mm}. */
    public record OpenEntry(String days, String from, String to) {}

    /** The date a room opened ({@code since:} of its entry), or null when not given or not a date. */
    public java.time.LocalDate roomSince(String roomId) {
        return rooms.stream()
                .filter(r -> roomId.equals(r.id()) && r.since() != null)
                .findFirst()
                .map(r -> {
                    try {
                        return java.time.LocalDate.parse(r.since());
                    } catch (java.time.format.DateTimeParseException e) {
                        return null;
                    }
                })
                .orElse(null);
    }

    /** The configured rooms, validated against the regions. */
    public List<Room> roomsModel() {
        return roomsModel(rooms, regionsModel());
    }

    private static List<Room> roomsModel(List<RoomEntry> entries, Regions regions) {
        List<Room> list = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (RoomEntry e : entries) {
            Place place = Place.parse(e.place())
                    .filter(regions::contains)
                    .orElseThrow(() ->
                            new IllegalArgumentException("room " + e.id() + ": unknown place '" + e.place() + "'"));
            Room room = new Room(
                    e.id() == null ? "" : e.id(),
                    e.name() == null ? "议事室" : e.name(),
                    place.town(),
                    place.village(),
                    e.address(),
                    e.capacity() == null ? 0 : e.capacity(),
                    hours(e.hours()));
            if (!ids.add(room.id())) {
                throw new IllegalArgumentException("room id " + room.id() + " is used twice");
            }
            list.add(room);
        }
        return list;
    }

    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** The opening hours of a room entry; a bad range names the value. */
    static OpeningHours hours(HoursEntry entry) {
        if (entry == null) {
            return OpeningHours.always("");
        }
        List<OpeningHours.Range> ranges = new ArrayList<>();
        for (OpenEntry open : entry.open() == null ? List.<OpenEntry>of() : entry.open()) {
            if (open == null) {
                throw new IllegalArgumentException("an entry of open: is empty");
            }
            ranges.add(new OpeningHours.Range(days(open.days()), time(open.from(), "from"), time(open.to(), "to")));
        }
        return new OpeningHours(entry.text(), ranges);
    }

    private static java.util.Set<java.time.DayOfWeek> days(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("days is required (e.g. mon-fri, sat or mon,wed,fri)");
        }
        java.util.Set<java.time.DayOfWeek> days = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
        for (String part : text.toLowerCase(Locale.ROOT).split(",")) {
            String[] ends = part.strip().split("-", -1);
            int first = DAY_NAMES.indexOf(ends[0].strip());
            int last = ends.length == 2 ? DAY_NAMES.indexOf(ends[1].strip()) : first;
            if (ends.length > 2 || first < 0 || last < first) {
                throw new IllegalArgumentException("days '" + text
                        + "' must be day names mon..sun, ranges like mon-fri," + " separated by commas");
            }
            for (int d = first; d <= last; d++) {
                days.add(java.time.DayOfWeek.of(d + 1));
            }
        }
        return days;
    }

    private static java.time.LocalTime time(String text, String key) {
        try {
            return java.time.LocalTime.parse(
                    text == null ? "" : text.strip().length() == 4 ? "0" + text.strip() : text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(key + " '" + text + "' must be a time HH:mm (e.g. 08:30)");
        }
    }

    /** The words that answer the satisfaction question. */
    public Map<ConcernDesk.Rating, List<String>> ratingWords() {
        Map<ConcernDesk.Rating, List<String>> out = new HashMap<>();
        ratings.forEach((k, v) -> out.put(ConcernDesk.Rating.valueOf(k.toUpperCase(Locale.ROOT)), v));
        return out;
    }

    /** Staff by their chat accounts. */
    public Function<Reporter, Optional<Staff>> staffByAccount() {
        People model = peopleModel();
        return reporter -> model.byAccount(reporter)
                .filter(p -> p.kind() == Person.Kind.STAFF)
                .map(Staff::of);
    }

    /** Bearer token → staff: the admin token is city-wide; each staff member's token acts within their scope. */
    public Function<String, Optional<Staff>> apiTokens() {
        Map<String, Staff> byToken = new HashMap<>();
        People model = peopleModel();
        for (PersonEntry e : people) {
            if (!e.token().isEmpty()) {
                model.all().stream()
                        .filter(p -> p.id().equals(e.id()) && p.kind() == Person.Kind.STAFF)
                        .findFirst()
                        .ifPresent(p -> byToken.put(e.token(), Staff.of(p)));
            }
        }
        String admin = adminToken;
        return token -> {
            if (token == null || token.isEmpty()) {
                return Optional.empty();
            }
            if (!admin.isEmpty()
                    && MessageDigest.isEqual(
                            admin.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(Staff.cityWide("admin"));
            }
            return Optional.ofNullable(byToken.get(token));
        };
    }

    /** The tokens of the leadership entries ({@code token_env}): they read the city-wide weekly table, nothing else. */
    public List<String> leadershipTokens() {
        return people.stream()
                .filter(e -> "leadership".equals(e.role()) && !e.token().isEmpty())
                .map(PersonEntry::token)
                .toList();
    }

    /** The tiered-consultation rules, one category each. */
    public List<Category> categories() {
        return routing.stream()
                .map(c -> new Category(c.name(), c.townLevel() ? Topic.Level.TOWN : Topic.Level.VILLAGE, c.keywords()))
                .toList();
    }

    /** The routing classifier's thresholds ({@code routing_thresholds:}); see docs/consultation.md. */
    public Router.Thresholds thresholds() {
        return new Router.Thresholds(routingThresholds.reviewBelow(), routingThresholds.askVillageAt());
    }

    /**
     * @param reviewBelow below this probability of the more likely level an issue is filed at village level, flagged
     * @param askVillageAt a town-only resident's matter at least this likely a village one makes the bot ask the village
     */
    public record RoutingThresholds(Double reviewBelow, Double askVillageAt) {
        public RoutingThresholds {
            reviewBelow =
                    share(reviewBelow, Router.Thresholds.DEFAULT.reviewBelow(), "routing_thresholds.review_below");
            askVillageAt =
                    share(askVillageAt, Router.Thresholds.DEFAULT.askVillageAt(), "routing_thresholds.ask_village_at");
        }

        private static double share(Double value, double fallback, String key) {
            double v = value == null ? fallback : value;
            if (!(v >= 0.5 && v <= 1.0)) {
                throw new ConfigValueException(key, "must be between 0.5 and 1 (was " + v + ")");
            }
            return v;
        }
    }

    /** One category of {@code routing:}; {@code level} is {@code town} or {@code village} (the default). */
    public record CategoryEntry(String name, String level, List<String> keywords) {
        public CategoryEntry {
            level = blank(level) ? "village" : level;
            if (!level.equals("town") && !level.equals("village")) {
                throw new ConfigValueException("level", "must be town or village (was '" + level + "')");
            }
        }

        boolean townLevel() {
            return level.equals("town");
        }
    }

    /** One town of {@code regions:}. */
    public record RegionEntry(String town, String code, List<String> villages) {}

    /**
     * @param sessionTtlMinutes a pending question is forgotten after this long
     * @param minConfidence below this classifier confidence a message is treated as not understood
     */
    public record Dialogue(
            Integer sessionTtlMinutes,
            Double minConfidence,
            Integer overdueDays,
            Integer overdueDigestHour,
            Integer weeklyReportHour,
            Integer bindingCodeHours) {
        public Dialogue {
            bindingCodeHours = orDefault(bindingCodeHours, 24, 1, 24 * 14, "binding_code_hours");
            overdueDays = orDefault(overdueDays, 14, 1, 365, "overdue_days");
            overdueDigestHour = orDefault(overdueDigestHour, 9, 0, 23, "overdue_digest_hour");
            weeklyReportHour = orDefault(weeklyReportHour, 17, 0, 23, "weekly_report_hour");
            sessionTtlMinutes = orDefault(sessionTtlMinutes, 30, 1, 24 * 60, "session_ttl_minutes");
            minConfidence = minConfidence == null ? 0.35 : minConfidence;
            if (minConfidence < 0 || minConfidence > 1) {
                throw new ConfigValueException("min_confidence", "must be between 0 and 1 (was " + minConfidence + ")");
            }
        }
    }

    /**
     * How long residents' data is kept (PIPL): identities on ended issues, reply inboxes, profiles of people who never
     * raised anything, and the staff audit log.
     */
    public record Privacy(
            Integer identityDaysAfterEnd,
            Integer inboxDays,
            Integer visitorProfileDays,
            Integer auditDays,
            Integer auditMaxEntries) {
        public Privacy {
            identityDaysAfterEnd = orDefault(identityDaysAfterEnd, 365, 1, 36500, "identity_days_after_end");
            inboxDays = orDefault(inboxDays, 30, 1, 3650, "inbox_days");
            visitorProfileDays = orDefault(visitorProfileDays, 180, 1, 3650, "visitor_profile_days");
            auditDays = orDefault(auditDays, 365, 1, 36500, "audit_days");
            auditMaxEntries = orDefault(auditMaxEntries, 1_000_000, 1000, 100_000_000, "audit_max_entries");
        }
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static int orDefault(Integer value, int fallback, int min, int max, String what) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw new ConfigValueException(what, "must be between " + min + " and " + max + " (was " + v + ")");
        }
        return v;
    }

    /** @param maxThreads HTTP worker threads; keep below {@code redis.pool_size} minus the pipeline's threads */
    /** @param publicUrl how people reach this server (links in chat replies); empty: {@code http://localhost:port} */
    public record Server(Integer port, String host, Integer maxThreads, String publicUrl) {
        public Server {
            port = orDefault(port, 7070, 0, 65535, "port");
            maxThreads = orDefault(maxThreads, 32, 8, 1000, "max_threads");
            host = blank(host) ? "0.0.0.0" : host;
            publicUrl = blank(publicUrl) ? "" : publicUrl.strip();
            if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[^\\s/]+(/\\S*)?")) {
                throw new ConfigValueException(
                        "public_url", "must be an http:// or https:// address (was '" + publicUrl + "')");
            }
        }
    }

    /**
     * @param url empty for the embedded redis-server
     * @param ackReplicas replicas that must have an accepted message before the channel hears "accepted" (WAIT)
     * @param ackTimeoutMs how long an enqueue waits for them
     */
    public record Redis(String url, Integer poolSize, Integer embeddedPort, Integer ackReplicas, Integer ackTimeoutMs) {
        public Redis {
            ackReplicas = orDefault(ackReplicas, 0, 0, 16, "ack_replicas");
            ackTimeoutMs = orDefault(ackTimeoutMs, 500, 1, 60_000, "ack_timeout_ms");
            url = url == null ? "" : url.strip();
            if (!url.isEmpty() && !url.matches("(redis|rediss|redis-cluster)://.+")) {
                throw new ConfigValueException(
                        "url", "must start with redis://, rediss:// or redis-cluster:// (was '" + url + "')");
            }
            poolSize = orDefault(poolSize, 64, 4, 1024, "pool_size");
            embeddedPort = orDefault(embeddedPort, 0, 0, 65535, "embedded_port");
        }
    }

    public record Pipeline(
            Integer workers,
            Integer batchSize,
            Integer reclaimIdleSeconds,
            Integer maxDeliveries,
            Integer senders,
            Integer maxAttempts,
            Integer backoffInitialMs,
            Integer backoffMaxMs,
            Integer dedupDays,
            Integer partitions) {
        public Pipeline {
            partitions = orDefault(partitions, 16, 1, 1024, "partitions");
            PipelineSettings d = PipelineSettings.defaults();
            workers = orDefault(workers, d.workers(), 1, 64, "workers");
            batchSize = orDefault(batchSize, d.batchSize(), 1, 1000, "batch_size");
            reclaimIdleSeconds =
                    orDefault(reclaimIdleSeconds, (int) d.reclaimIdle().toSeconds(), 1, 86400, "reclaim_idle_seconds");
            maxDeliveries = orDefault(maxDeliveries, d.maxDeliveries(), 1, 100, "max_deliveries");
            senders = orDefault(senders, d.senders(), 1, 256, "senders");
            maxAttempts = orDefault(maxAttempts, d.maxAttempts(), 1, 100, "max_attempts");
            backoffInitialMs = orDefault(
                    backoffInitialMs, (int) d.backoffInitial().toMillis(), 1, 3_600_000, "backoff_initial_ms");
            backoffMaxMs = orDefault(backoffMaxMs, (int) d.backoffMax().toMillis(), 1, 86_400_000, "backoff_max_ms");
            if (backoffMaxMs < backoffInitialMs) {
                throw new ConfigValueException("backoff_max_ms", "must not be less than backoff_initial_ms");
            }
            dedupDays = orDefault(dedupDays, (int) d.dedupFor().toDays(), 7, 365, "dedup_days");
        }

        public PipelineSettings settings() {
            return new PipelineSettings(
                    workers,
                    batchSize,
                    Duration.ofSeconds(reclaimIdleSeconds),
                    maxDeliveries,
                    senders,
                    maxAttempts,
                    Duration.ofMillis(backoffInitialMs),
                    Duration.ofMillis(backoffMaxMs),
                    Duration.ofDays(dedupDays));
        }
    }

    public record Channels(
            Generic generic, WebChat webchat, WeCom wecom, WeChat wechat, DingTalk dingtalk, Telegram telegram) {
        public Channels {
            generic = generic == null ? new Generic(null, null, null, null, null) : generic;
            webchat =
                    webchat == null ? new WebChat(null, null, null, null, null, null, null, null, null, null) : webchat;
            wecom = wecom == null ? new WeCom(null, null, null, null, null, null, null) : wecom;
            wechat = wechat == null ? new WeChat(null, null, null, null, null, null) : wechat;
            dingtalk = dingtalk == null ? new DingTalk(null, null, null, null, null, null, null, null, null) : dingtalk;
            telegram = telegram == null ? new Telegram(null, null, null, null, null, null) : telegram;
        }
    }

    /**
     * A WeCom self-built app ({@code channels.wecom}). The credentials come from WECOM_TOKEN, WECOM_AES_KEY,
     * WECOM_CORP_ID, WECOM_SECRET and WECOM_AGENT_ID (never from the file); the channel is on when all five are set.
     *
     * @param baseUrl the WeCom API root (tests point it at a local server)
     * @param ratePerMinute messages per member per minute (WeCom allows 30 per app and member)
     */
    public record WeCom(
            String baseUrl,
            Integer ratePerMinute,
            String token,
            String aesKey,
            String corpId,
            String secret,
            String agentId) {
        public WeCom {
            baseUrl = apiBase(baseUrl, "https://qyapi.weixin.qq.com");
            ratePerMinute = orDefault(ratePerMinute, 30, 1, 1000, "rate_per_minute");
            token = orEmpty(token);
            aesKey = orEmpty(aesKey);
            corpId = orEmpty(corpId);
            secret = orEmpty(secret);
            agentId = orEmpty(agentId);
            Map<String, String> credentials = new java.util.LinkedHashMap<>();
            credentials.put("WECOM_TOKEN", token);
            credentials.put("WECOM_AES_KEY", aesKey);
            credentials.put("WECOM_CORP_ID", corpId);
            credentials.put("WECOM_SECRET", secret);
            credentials.put("WECOM_AGENT_ID", agentId);
            requireAllOrNone("wecom", credentials);
            if (!aesKey.isEmpty()) {
                String key = aesKey;
                cn.shangliang.channel.weixin.WxBizMsgCrypt.keyProblem(key).ifPresent(problem -> {
                    throw new ConfigValueException("aes_key", "WECOM_AES_KEY: " + problem);
                });
            }
            if (!agentId.isEmpty() && !agentId.matches("[0-9]{1,10}")) {
                throw new ConfigValueException("agent_id", "WECOM_AGENT_ID must be the app's numeric AgentId");
            }
        }

        @Override
        public String toString() {
            return "WeCom[baseUrl=" + baseUrl + ", corpId=" + corpId + ", agentId=" + agentId + ", on="
                    + !token.isEmpty() + "]";
        }

        /** The settings of the channel, when its credentials are set. */
        public Optional<cn.shangliang.channel.wecom.WeComSettings> settings() {
            return token.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new cn.shangliang.channel.wecom.WeComSettings(
                            token, aesKey, corpId, secret, Integer.parseInt(agentId), baseUrl, ratePerMinute));
        }
    }

    /**
     * A WeChat Official Account ({@code channels.wechat}). The credentials come from WECHAT_TOKEN, WECHAT_APP_ID and
     * WECHAT_APP_SECRET (the channel is on when all three are set) and WECHAT_AES_KEY (optional: without it only plain
     * mode; with it only safe and compatible mode).
     *
     * @param baseUrl the WeChat API root (tests point it at a local server)
     * @param ratePerMinute customer-service messages per user per minute
     */
    public record WeChat(
            String baseUrl, Integer ratePerMinute, String token, String aesKey, String appId, String appSecret) {
        public WeChat {
            baseUrl = apiBase(baseUrl, "https://api.weixin.qq.com");
            ratePerMinute = orDefault(ratePerMinute, 20, 1, 1000, "rate_per_minute");
            token = orEmpty(token);
            aesKey = orEmpty(aesKey);
            appId = orEmpty(appId);
            appSecret = orEmpty(appSecret);
            Map<String, String> credentials = new java.util.LinkedHashMap<>();
            credentials.put("WECHAT_TOKEN", token);
            credentials.put("WECHAT_APP_ID", appId);
            credentials.put("WECHAT_APP_SECRET", appSecret);
            requireAllOrNone("wechat", credentials);
            if (!aesKey.isEmpty()) {
                if (token.isEmpty()) {
                    throw new ConfigValueException(
                            "aes_key",
                            "WECHAT_AES_KEY is set but WECHAT_TOKEN, WECHAT_APP_ID, WECHAT_APP_SECRET are not");
                }
                String key = aesKey;
                cn.shangliang.channel.weixin.WxBizMsgCrypt.keyProblem(key).ifPresent(problem -> {
                    throw new ConfigValueException("aes_key", "WECHAT_AES_KEY: " + problem);
                });
            }
        }

        @Override
        public String toString() {
            return "WeChat[baseUrl=" + baseUrl + ", appId=" + appId + ", safeMode=" + !aesKey.isEmpty() + ", on="
                    + !token.isEmpty() + "]";
        }

        /** The settings of the channel, when its credentials are set. */
        public Optional<cn.shangliang.channel.wechat.WeChatSettings> settings() {
            return token.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new cn.shangliang.channel.wechat.WeChatSettings(
                            token, aesKey, appId, appSecret, baseUrl, ratePerMinute));
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static String apiBase(String url, String fallback) {
        String value = blank(url) ? fallback : url.strip();
        if (!value.matches("https?://[^\\s]+") || okhttp3.HttpUrl.parse(value) == null) {
            throw new ConfigValueException("base_url", "must be an http(s) URL (was '" + value + "')");
        }
        return value;
    }

    /** A platform is on when all its credentials are set; some but not all is a mistake worth stopping for. */
    private static void requireAllOrNone(String channel, Map<String, String> credentials) {
        List<String> unset = credentials.entrySet().stream()
                .filter(e -> e.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .toList();
        if (!unset.isEmpty() && unset.size() < credentials.size()) {
            throw new ConfigValueException(
                    "credentials",
                    "the " + channel + " channel needs all of " + String.join(", ", credentials.keySet())
                            + "; not set: " + String.join(", ", unset));
        }
    }

    /**
     * DingTalk (钉钉) robot of an enterprise-internal app (docs/channels/dingtalk.md). On when {@code DINGTALK_APP_KEY}
     * and {@code DINGTALK_APP_SECRET} are both set ({@code appKey}, {@code appSecret} come from there, never from the
     * file).
     *
     * @param mode {@code http} (robot callbacks POSTed to /webhook/dingtalk) or {@code stream} (WebSocket);
     *     {@code DINGTALK_MODE} overrides
     * @param robotCode robot code for the OpenAPI send; empty means the app key
     * @param apiBaseUrl base URL of the v1.0 OpenAPI (access token, robot send)
     * @param gatewayBaseUrl base URL of the Stream gateway registration; empty means {@code apiBaseUrl}
     * @param ratePerMinute replies per recipient per minute
     * @param reconnectInitialMs first wait before reconnecting a dropped Stream connection, doubling with jitter
     * @param reconnectMaxMs longest such wait
     */
    public record DingTalk(
            String mode,
            String robotCode,
            String apiBaseUrl,
            String gatewayBaseUrl,
            Integer ratePerMinute,
            Integer reconnectInitialMs,
            Integer reconnectMaxMs,
            String appKey,
            String appSecret) {
        public DingTalk {
            mode = blank(mode) ? "http" : mode.strip().toLowerCase(Locale.ROOT);
            if (!mode.equals("http") && !mode.equals("stream")) {
                throw new ConfigValueException("mode", "must be http or stream (was '" + mode + "')");
            }
            robotCode = robotCode == null ? "" : robotCode.strip();
            apiBaseUrl = blank(apiBaseUrl) ? "https://api.dingtalk.com" : apiBaseUrl.strip();
            gatewayBaseUrl = blank(gatewayBaseUrl) ? apiBaseUrl : gatewayBaseUrl.strip();
            for (String[] url : new String[][] {{"api_base_url", apiBaseUrl}, {"gateway_base_url", gatewayBaseUrl}}) {
                if (!url[1].matches("https?://[^\\s]+")) {
                    throw new ConfigValueException(url[0], "must be an http(s) URL (was '" + url[1] + "')");
                }
            }
            ratePerMinute = orDefault(ratePerMinute, 20, 1, 10_000, "rate_per_minute");
            reconnectInitialMs = orDefault(reconnectInitialMs, 1000, 10, 60_000, "reconnect_initial_ms");
            reconnectMaxMs = orDefault(reconnectMaxMs, 60_000, reconnectInitialMs, 600_000, "reconnect_max_ms");
            appKey = appKey == null ? "" : appKey.strip();
            appSecret = appSecret == null ? "" : appSecret.strip();
            if (appKey.isEmpty() != appSecret.isEmpty()) {
                throw new ConfigValueException(
                        appKey.isEmpty() ? "app_key" : "app_secret",
                        "DINGTALK_APP_KEY and DINGTALK_APP_SECRET must be set together (only one is)");
            }
        }

        /** The channel's settings when it is on (both credentials set). */
        public Optional<DingTalkSettings> settings() {
            if (appKey.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new DingTalkSettings(
                    appKey,
                    appSecret,
                    mode.equals("stream") ? DingTalkSettings.Mode.STREAM : DingTalkSettings.Mode.HTTP,
                    robotCode,
                    apiBaseUrl,
                    gatewayBaseUrl,
                    ratePerMinute,
                    Duration.ofMillis(reconnectInitialMs),
                    Duration.ofMillis(reconnectMaxMs)));
        }
    }

    /**
     * The Telegram Bot API channel: on when both the bot token and the webhook secret token are set (in the environment
     * variables named here), off when neither is; one without the other is a configuration error.
     *
     * @param botTokenEnv variable holding the token from BotFather
     * @param secretTokenEnv variable holding the {@code secret_token} given to setWebhook
     * @param botUsername the bot's username (TELEGRAM_BOT_USERNAME overrides), for mentions in groups
     * @param baseUrl the Bot API server (TELEGRAM_API_BASE_URL overrides)
     */
    public record Telegram(
            String botTokenEnv,
            String secretTokenEnv,
            String botUsername,
            String baseUrl,
            String botToken,
            String secretToken) {
        public Telegram {
            botTokenEnv = blank(botTokenEnv) ? "TELEGRAM_BOT_TOKEN" : botTokenEnv;
            secretTokenEnv = blank(secretTokenEnv) ? "TELEGRAM_SECRET_TOKEN" : secretTokenEnv;
            botUsername = botUsername == null ? "" : botUsername.strip();
            baseUrl = blank(baseUrl) ? TelegramSettings.DEFAULT_BASE_URL : baseUrl.strip();
            botToken = botToken == null ? "" : botToken.strip();
            secretToken = secretToken == null ? "" : secretToken.strip();
            if (botToken.isEmpty() != secretToken.isEmpty()) {
                throw new ConfigValueException(
                        botToken.isEmpty() ? "bot_token_env" : "secret_token_env",
                        (botToken.isEmpty() ? botTokenEnv : secretTokenEnv) + " is not set; the Telegram channel needs"
                                + " both " + botTokenEnv + " and " + secretTokenEnv);
            }
            try {
                if (!botToken.isEmpty()) {
                    new TelegramSettings(botToken, secretToken, botUsername, baseUrl); // validates
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigValueException(telegramKey(e.getMessage()), e.getMessage());
            }
        }

        /** The config key a {@link TelegramSettings} complaint is about. */
        private static String telegramKey(String problem) {
            if (problem.startsWith("TELEGRAM_BOT_TOKEN")) {
                return "bot_token_env";
            }
            if (problem.startsWith("TELEGRAM_SECRET_TOKEN")) {
                return "secret_token_env";
            }
            return problem.startsWith("bot username") ? "bot_username" : "base_url";
        }

        /** The channel's settings when it is on. */
        public Optional<TelegramSettings> settings() {
            return botToken.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new TelegramSettings(botToken, secretToken, botUsername, baseUrl));
        }
    }

    /**
     * @param secretEnv name of the environment variable holding the HMAC secret; the channel is off while it is unset
     * @param replyUrl where replies are POSTed
     */
    public record Generic(
            String secretEnv, String replyUrl, Integer maxSkewSeconds, Integer ratePerMinute, String secret) {
        public Generic {
            secretEnv = blank(secretEnv) ? "GENERIC_SECRET" : secretEnv;
            replyUrl = replyUrl == null ? "" : replyUrl.strip();
            if (!replyUrl.isEmpty() && !replyUrl.matches("https?://.+")) {
                throw new ConfigValueException("reply_url", "must be an http(s) URL (was '" + replyUrl + "')");
            }
            maxSkewSeconds = orDefault(maxSkewSeconds, 300, 1, 86400, "max_skew_seconds");
            ratePerMinute = orDefault(ratePerMinute, 600, 1, 1_000_000, "rate_per_minute");
            secret = secret == null ? "" : secret;
        }

        public boolean enabled() {
            return !secret.isEmpty();
        }
    }

    /**
     * The web chat: frame size, reply rate, and the abuse limits ({@link cn.shangliang.channel.webchat.WebChatLimits}),
     * all per minute: {@code max_messages_per_minute} per uid across its connections and processes, then per client
     * address, in total, and per connection (closed beyond it).
     */
    public record WebChat(
            Integer maxFrameBytes,
            Integer maxMessagesPerMinute,
            Integer ratePerMinute,
            Integer maxMessagesPerMinutePerAddress,
            Integer maxConnectionsPerMinutePerAddress,
            Integer maxMessagesPerMinuteTotal,
            Integer maxConnectionsPerMinuteTotal,
            Integer maxMessagesPerMinutePerConnection,
            Integer sessionDays,
            String clientAddressHeader) {
        public WebChat {
            var d = cn.shangliang.channel.webchat.WebChatLimits.defaults();
            maxFrameBytes = orDefault(maxFrameBytes, 16 * 1024, 1024, 1024 * 1024, "max_frame_bytes");
            maxMessagesPerMinute =
                    orDefault(maxMessagesPerMinute, d.messagesPerUid(), 1, 10_000, "max_messages_per_minute");
            ratePerMinute = orDefault(ratePerMinute, 120, 1, 1_000_000, "rate_per_minute");
            maxMessagesPerMinutePerAddress = orDefault(
                    maxMessagesPerMinutePerAddress,
                    d.messagesPerAddress(),
                    1,
                    1_000_000,
                    "max_messages_per_minute_per_address");
            maxConnectionsPerMinutePerAddress = orDefault(
                    maxConnectionsPerMinutePerAddress,
                    d.connectionsPerAddress(),
                    1,
                    1_000_000,
                    "max_connections_per_minute_per_address");
            maxMessagesPerMinuteTotal = orDefault(
                    maxMessagesPerMinuteTotal, d.messagesTotal(), 1, 1_000_000, "max_messages_per_minute_total");
            maxConnectionsPerMinuteTotal = orDefault(
                    maxConnectionsPerMinuteTotal,
                    d.connectionsTotal(),
                    1,
                    1_000_000,
                    "max_connections_per_minute_total");
            maxMessagesPerMinutePerConnection = orDefault(
                    maxMessagesPerMinutePerConnection,
                    Math.max(d.perConnectionFlood(), 2 * maxMessagesPerMinute),
                    1,
                    10_000,
                    "max_messages_per_minute_per_connection");
            sessionDays = orDefault(sessionDays, (int) d.claimFor().toDays(), 1, 3650, "session_days");
            clientAddressHeader = clientAddressHeader == null ? "" : clientAddressHeader.strip();
        }

        public cn.shangliang.channel.webchat.WebChatLimits limits() {
            return new cn.shangliang.channel.webchat.WebChatLimits(
                    maxMessagesPerMinute,
                    maxMessagesPerMinutePerAddress,
                    maxConnectionsPerMinutePerAddress,
                    maxMessagesPerMinuteTotal,
                    maxConnectionsPerMinuteTotal,
                    maxMessagesPerMinutePerConnection,
                    Duration.ofMinutes(1),
                    Duration.ofDays(sessionDays),
                    clientAddressHeader);
        }
    }
}
