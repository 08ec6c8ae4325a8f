package cn.shangliang.app;

import cn.shangliang.channel.ChannelSender;
import cn.shangliang.channel.InboundQueue;
import cn.shangliang.channel.InboundWorker;
import cn.shangliang.channel.Inbox;
import cn.shangliang.channel.InboxSender;
import cn.shangliang.channel.MessageHandler;
import cn.shangliang.channel.OutboundDispatcher;
import cn.shangliang.channel.OutboundQueue;
import cn.shangliang.channel.PipelineMetrics;
import cn.shangliang.channel.PipelineMonitor;
import cn.shangliang.channel.Platform;
import cn.shangliang.channel.WebhookAdapter;
import cn.shangliang.channel.dingtalk.DingTalkPlatform;
import cn.shangliang.channel.generic.GenericSender;
import cn.shangliang.channel.generic.GenericSignature;
import cn.shangliang.channel.generic.GenericWebhook;
import cn.shangliang.channel.telegram.TelegramPlatform;
import cn.shangliang.channel.terminal.TerminalChannel;
import cn.shangliang.channel.webchat.SessionTokens;
import cn.shangliang.channel.webchat.WebChatGate;
import cn.shangliang.channel.webchat.WebChatHub;
import cn.shangliang.channel.wechat.WeChatPlatform;
import cn.shangliang.channel.wecom.WeComPlatform;
import cn.shangliang.consultation.Access;
import cn.shangliang.consultation.Consultation;
import cn.shangliang.consultation.IssueRules;
import cn.shangliang.consultation.People;
import cn.shangliang.consultation.Person;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Router;
import cn.shangliang.consultation.Topic;
import cn.shangliang.dialogue.Commands;
import cn.shangliang.dialogue.Dialogue;
import cn.shangliang.dialogue.DialogueHandler;
import cn.shangliang.dialogue.IntentClassifier;
import cn.shangliang.dialogue.MeetingNotices;
import cn.shangliang.dialogue.NoticeRenderer;
import cn.shangliang.dialogue.RatingWords;
import cn.shangliang.dialogue.Responses;
import cn.shangliang.dialogue.Role;
import cn.shangliang.dialogue.RoomSchedules;
import cn.shangliang.dialogue.SessionStore;
import cn.shangliang.jobs.JobScheduler;
import cn.shangliang.jobs.MeetingReminders;
import cn.shangliang.jobs.OutboxRelay;
import cn.shangliang.jobs.OverdueDigest;
import cn.shangliang.jobs.WeeklyPush;
import cn.shangliang.matching.ChineseAnalyzer;
import cn.shangliang.matching.LuceneTopicIndex;
import cn.shangliang.matching.TopicChange;
import cn.shangliang.matching.TopicIndexFollower;
import cn.shangliang.report.ProgressTableChat;
import cn.shangliang.report.ReportLinks;
import cn.shangliang.report.WeeklyReportText;
import cn.shangliang.report.WeeklyReports;
import cn.shangliang.report.WeeklySummary;
import cn.shangliang.store.PipelineLayout;
import cn.shangliang.store.RedisAccountBindings;
import cn.shangliang.store.RedisInboundQueue;
import cn.shangliang.store.RedisInbox;
import cn.shangliang.store.RedisIssueStore;
import cn.shangliang.store.RedisJobClaims;
import cn.shangliang.store.RedisMeetingBook;
import cn.shangliang.store.RedisOutboundQueue;
import cn.shangliang.store.RedisPipelineMonitor;
import cn.shangliang.store.RedisRateLimiter;
import cn.shangliang.store.RedisReminders;
import cn.shangliang.store.RedisReportLinkKey;
import cn.shangliang.store.RedisSessionStore;
import cn.shangliang.store.RedisTopicStore;
import cn.shangliang.store.RedisWebChatClaims;
import cn.shangliang.store.ReplicaAck;
import cn.shangliang.web.HttpServer;
import cn.shangliang.web.Readiness;
import cn.shangliang.web.WebSettings;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that calls {@code new} on infrastructure. A server runs the pipeline and HTTP;
 * the {@code chat} command runs the pipeline only.
 */
public final class Application implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final AppConfig config;
    private final Clock clock;
    private final RedisHandle redis;
    private final ObjectMapper mapper;
    private final PrometheusMeterRegistry registry;
    private final PipelineMetrics metrics;
    private final InboundQueue inboundQueue;
    private final OutboundQueue outboundQueue;
    private final Inbox inbox;
    private final PipelineMonitor monitor;
    /** The pipeline's partitions (and the layout before them, while sessions are carried over). */
    private final PipelineLayout layout;

    private final InboundWorker worker;
    private final OutboundDispatcher dispatcher;
    private final WebChatHub hub;
    private final cn.shangliang.consultation.AuditLog auditLog;
    private cn.shangliang.jobs.RetentionSweep retentionSweep;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Platform> platforms;
    private HttpServer http;
    private Consultation issueBook;
    private OutboxRelay outboxRelay;
    private TopicIndexFollower follower;
    private OverdueDigest overdueDigest;
    private WeeklyPush weeklyPush;
    private WeeklyReports reports;
    private RedisMeetingBook meetingBook;
    private MeetingNotices meetingNotices;
    private cn.shangliang.consultation.MeetingDesk meetingDesk;
    /** The one authorisation point, shared by the chat, the API and the jobs. */
    private Access access;

    private BooleanSupplier topicIndexReady = () -> false;
    /** The bot's matcher, set when the handler is built; the console asks it for possible duplicates. */
    private cn.shangliang.matching.TopicMatcher matcher;

    private Application(AppConfig config, Clock clock, RedisHandle redis) {
        this.config = config;
        this.access = new Access(config.roomsModel());
        this.clock = clock;
        this.redis = redis;
        this.mapper = objectMapper();
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new PipelineMetrics(registry);
        Duration dedupFor = config.pipeline().settings().dedupFor();
        this.layout = PipelineLayout.open(redis.client(), config.pipeline().partitions());
        this.inboundQueue = new RedisInboundQueue(
                redis.client(),
                mapper,
                dedupFor,
                layout.partitions(),
                new ReplicaAck(
                        config.redis().ackReplicas(),
                        Duration.ofMillis(config.redis().ackTimeoutMs())));
        this.outboundQueue = new RedisOutboundQueue(redis.client(), mapper, dedupFor, layout.partitions());
        var privacy = config.privacy();
        this.inbox = new RedisInbox(redis.client(), mapper, Duration.ofDays(privacy.inboxDays()));
        this.auditLog = new cn.shangliang.store.RedisAuditLog(
                redis.client(), Duration.ofDays(privacy.auditDays()), privacy.auditMaxEntries());
        this.monitor = new RedisPipelineMonitor(redis.client(), layout.partitions());
        metrics.watch(monitor, layout.partitions().count());
        cn.shangliang.store.RedisMemory.register(redis.client(), registry);
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "shangliang.redis.embedded.restarts", redis, RedisHandle::embeddedRestarts)
                .description("times the embedded redis-server died and was restarted on the same data directory")
                .register(registry);
        this.platforms = platforms();
        String consumer = consumerName();
        this.worker =
                new InboundWorker(inboundQueue, handler(), config.pipeline().settings(), metrics, clock, consumer);
        this.dispatcher = new OutboundDispatcher(
                outboundQueue,
                senders(),
                rateLimits(),
                new RedisRateLimiter(redis.client(), clock),
                config.pipeline().settings(),
                metrics,
                clock,
                RandomGenerator.getDefault(),
                consumer);
        var webchatLimits = config.channels().webchat().limits();
        Regions places = config.regionsModel(); // built once, asked at every connection
        this.hub = new WebChatHub(
                inboundQueue,
                inbox,
                mapper,
                clock,
                metrics,
                new WebChatHub.Guard(
                        webchatLimits,
                        new WebChatGate(new RedisRateLimiter(redis.client(), clock), webchatLimits, metrics),
                        new SessionTokens(
                                RedisWebChatClaims.signingKey(redis.client(), new java.security.SecureRandom())),
                        new RedisWebChatClaims(redis.client())),
                text -> cn.shangliang.consultation.Place.parse(text)
                        .filter(places::contains)
                        .isPresent());
    }

    /** A server: owns or connects to Redis, then runs the pipeline and HTTP. */
    public static Application server(AppConfig config) {
        return server(config, Clock.system(config.zoneId()));
    }

    /** A server on {@code clock} (tests give a fixed one, so that meetings they book are not in the past). */
    public static Application server(AppConfig config, Clock clock) {
        return new Application(config, clock, RedisHandle.forServer(config));
    }

    /** A data command: connects to the running server's Redis when there is one. */
    public static Application command(AppConfig config) {
        return new Application(config, Clock.system(config.zoneId()), RedisHandle.forCommand(config));
    }

    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    /**
     * The bot's matcher: the lexical index, re-scored by meaning unless {@code matching.semantic_weight} is 0. Shared
     * by the server and eval-match, so that the evaluation runs exactly the bot's matcher.
     */
    static LuceneTopicIndex matcher(
            AppConfig.Matching matching, ChineseAnalyzer analyzer, cn.shangliang.matching.TopicVectors vectors) {
        LuceneTopicIndex index = LuceneTopicIndex.inMemory(analyzer, matching.settings());
        if (matching.semanticWeight() > 0) {
            index.withSemantic(new cn.shangliang.matching.SemanticReranker(
                    cn.shangliang.matching.BgeSmallZhEncoder.lazy(), vectors, matching.semanticWeight()));
        }
        return index;
    }

    private MessageHandler handler() {
        Regions regions = config.regionsModel();
        // validated once; consulted on every message; knows the accounts people bound with a code
        People people = config.peopleModel().withBindings(new RedisAccountBindings(redis.client()));
        ChineseAnalyzer analyzer = analyzer(config);
        LuceneTopicIndex index =
                matcher(config.matching(), analyzer, new cn.shangliang.store.RedisTopicVectors(redis.client(), 20_000));
        resources.add(index);
        this.matcher = index;
        io.micrometer.core.instrument.Gauge.builder(
                        "shangliang.topic.vectors.preparing", index, LuceneTopicIndex::vectorsPreparing)
                .description("topics whose vector for matching by meaning is still being prepared")
                .register(registry);
        RedisTopicStore topics = new RedisTopicStore(redis.client(), mapper);
        TopicIndexFollower follower = new TopicIndexFollower(
                topics,
                index,
                Thread.ofVirtual().name("topic-follower").factory(),
                Duration.ofMillis(500),
                Duration.ofSeconds(1));
        resources.add(follower);
        this.topicIndexReady = follower::isReady;
        Responses responses = responses();
        SessionStore sessions = new RedisSessionStore(
                redis.client(),
                mapper,
                Duration.ofMinutes(config.dialogue().sessionTtlMinutes()),
                layout,
                Duration.ofDays(config.privacy().visitorProfileDays()));
        Access access = this.access;
        RedisIssueStore issueStore = new RedisIssueStore(redis.client(), mapper, layout.partitions());
        this.meetingBook = new RedisMeetingBook(redis.client(), mapper);
        this.meetingNotices = new MeetingNotices(
                people,
                config.roomsModel(),
                responses,
                sessions,
                outboundQueue,
                new RedisReminders(redis.client()),
                meetingBook,
                config.reminderMinutesBefore(),
                clock);
        // the configured towns and rooms are fixed for the process: listed once, asked after every change
        List<String> townCodes = regions.towns().stream()
                .map(cn.shangliang.consultation.Town::code)
                .toList();
        List<String> roomIds = config.roomsModel().stream()
                .map(cn.shangliang.consultation.Room::id)
                .toList();
        OutboxRelay relay = new OutboxRelay(
                List.of(
                        new OutboxRelay.Source(issueStore, () -> townCodes),
                        new OutboxRelay.Source(meetingBook, () -> roomIds)),
                issueStore,
                new NoticeRenderer(responses, sessions, clock)::render,
                outboundQueue,
                topic -> topics.save(topic, changeKind(topic)),
                meetingNotices,
                Thread.ofPlatform().daemon().name("outbox-relay").factory());
        resources.add(relay);
        this.outboxRelay = relay;
        Consultation desk = new Consultation(
                issueStore,
                new IssueRules(router(config), Duration.ofDays(config.dialogue().overdueDays())),
                access,
                regions,
                clock,
                this::deliverNow);
        this.issueBook = desk;
        this.retentionSweep = new cn.shangliang.jobs.RetentionSweep(
                new cn.shangliang.consultation.IdentityEraser(
                        issueStore,
                        regions,
                        clock,
                        Duration.ofDays(config.privacy().identityDaysAfterEnd())),
                new RedisJobClaims(redis.client(), clock),
                clock);
        this.meetingDesk = meetingDesk(people, responses, desk);
        this.follower = follower;
        this.reports = new WeeklyReports(
                this::weeklyTable,
                new WeeklyReportText(responses::render),
                new ReportLinks(
                                RedisReportLinkKey.load(redis.client(), new java.security.SecureRandom()),
                                publicUrl(),
                                REPORT_LINKS_VALID_FOR,
                                clock)
                        .withReaderTokens(config.leadershipTokens()));
        WeeklySummary summary = new WeeklySummary(responses::render);
        this.weeklyPush = new WeeklyPush(
                reports::cityWide,
                people,
                new RedisJobClaims(redis.client(), clock),
                summary,
                outboundQueue,
                clock,
                config.dialogue().weeklyReportHour());
        this.overdueDigest = new OverdueDigest(
                desk,
                people,
                new RedisJobClaims(redis.client(), clock),
                responses::render,
                outboundQueue,
                clock,
                config.dialogue().overdueDigestHour());
        IntentClassifier classifier = Understanding.classifier(config, analyzer);
        Dialogue dialogue = new Dialogue(
                classifier,
                responses,
                regions,
                index,
                desk,
                roles(people),
                new Commands(
                        config.commands(),
                        access,
                        new cn.shangliang.consultation.AuditedIssueBook(desk, auditLog, clock),
                        desk,
                        reporter -> people.byAccount(reporter)
                                .filter(p -> p.kind() == Person.Kind.STAFF)
                                .map(cn.shangliang.consultation.Staff::of),
                        new Commands.Meetings(meetingBook, meetingDesk, meetingNotices, people, clock, auditLog),
                        new Commands.Accounts(
                                people, Duration.ofHours(config.dialogue().bindingCodeHours()))),
                new RatingWords(config.ratingWords()),
                new RoomSchedules(config.roomsModel(), meetingBook, responses, clock),
                reporter -> people.byAccount(reporter)
                        .filter(p -> p.kind() == Person.Kind.MEMBER)
                        .map(Person::id),
                clock,
                config.dialogue().minConfidence(),
                new ProgressTableChat(
                        reporter -> people.byAccount(reporter)
                                .filter(p -> p.kind() == Person.Kind.LEADERSHIP)
                                .isPresent(),
                        reports::cityWide,
                        summary,
                        reports.links(),
                        responses::render,
                        clock),
                new PersonalDataErasure(
                        issueStore,
                        new cn.shangliang.consultation.IdentityEraser(
                                issueStore,
                                regions,
                                clock,
                                Duration.ofDays(config.privacy().identityDaysAfterEnd())),
                        new cn.shangliang.store.RedisUserData(redis.client(), layout.partitions())));
        return new DialogueHandler(dialogue, sessions);
    }

    /**
     * The one meeting workflow, used by chat and API alike: rules with the rooms' scope and the roster's members, the
     * Redis book, the issue book for scheduling (note: the meeting's date, time and room), the members' notices.
     */
    private cn.shangliang.consultation.MeetingDesk meetingDesk(
            People people, Responses responses, cn.shangliang.consultation.IssueBook issues) {
        List<cn.shangliang.consultation.Room> rooms = config.roomsModel();
        var rules = new cn.shangliang.consultation.MeetingRules(
                access,
                id -> people.byId(id)
                        .filter(p -> p.kind() == Person.Kind.MEMBER)
                        .isPresent(),
                clock);
        java.time.format.DateTimeFormatter hour = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        return new cn.shangliang.consultation.MeetingDesk(
                rooms, access, rules, meetingBook, issues, this::deliverNow, m -> {
                    var start = m.start().atZoneSameInstant(clock.getZone());
                    String room = access.roomById(m.roomId())
                            .map(cn.shangliang.consultation.Room::name)
                            .orElse(m.roomId());
                    return responses.render(
                            "format_schedule_note",
                            Responses.DEFAULT_LANGUAGE,
                            Map.of(
                                    "month", Integer.toString(start.getMonthValue()),
                                    "day", Integer.toString(start.getDayOfMonth()),
                                    "start", hour.format(start),
                                    "room", room));
                });
    }

    /** Delivers a part's outbox (a town code, a room id) right after its change; a failure is left to the sweep. */
    private void deliverNow(String part) {
        try {
            outboxRelay.drain(part);
        } catch (RuntimeException e) {
            log.warn("outbox of {} not delivered now, left to the sweep: {}", part, e.toString());
        }
    }

    /** Scheduled work: the Friday push and the daily overdue digest (each claimed), meeting reminders (taken). */
    private void scheduleJobs() {
        var executor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("scheduled-jobs").factory());
        JobScheduler scheduler = new JobScheduler(
                executor, weeklyPush, overdueDigest, new MeetingReminders(meetingNotices::remindDue), retentionSweep);
        resources.add(scheduler.start());
    }

    /** How long a report link in a chat reply opens the table. */
    private static final Duration REPORT_LINKS_VALID_FOR = Duration.ofHours(72);

    /** The server's address as people reach it: {@code server.public_url}, else this host's port. */
    private String publicUrl() {
        String configured = config.server().publicUrl();
        return configured.isEmpty() ? "http://localhost:" + config.server().port() : configured;
    }

    /** How a topic's state reads in the matcher's change stream. */
    private static TopicChange.Kind changeKind(Topic topic) {
        return switch (topic.status()) {
            case CLOSED -> TopicChange.Kind.CLOSED;
            case REJECTED -> TopicChange.Kind.REJECTED;
            case MERGED -> TopicChange.Kind.MERGED;
            default -> TopicChange.Kind.UPDATED;
        };
    }

    /**
     * The tiered-consultation router: the configured categories trained on their keywords and the examples under
     * {@code intents/routing/} (docs/consultation.md).
     */
    public static Router router(AppConfig config) {
        return Understanding.router(config);
    }

    /** The Chinese analysis with the configured synonyms; a missing file is a configuration error. */
    static ChineseAnalyzer analyzer(AppConfig config) {
        Path file = config.synonymsPath();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("synonyms_file: " + file.toAbsolutePath() + " not found (run from the"
                    + " directory that holds config/, or give the path)");
        }
        return ChineseAnalyzer.withSynonymFile(file);
    }

    /** Staff and members by their chat accounts; everyone else is a resident. */
    private static Function<Reporter, Role> roles(People people) {
        return reporter -> people.byAccount(reporter)
                .map(p -> switch (p.kind()) {
                    case STAFF -> Role.STAFF;
                    case MEMBER -> Role.MEMBER;
                    case LEADERSHIP -> Role.RESIDENT;
                })
                .orElse(Role.RESIDENT);
    }

    private Responses responses() {
        Path file = config.intentsPath().resolve("responses.yml");
        if (Files.exists(file)) {
            return Responses.load(file, RandomGenerator.getDefault());
        }
        try (InputStream in = Application.class.getResourceAsStream("/intents/responses.yml")) {
            if (in == null) {
                throw new ConfigException(file + ": no such file, and none is built into the jar");
            }
            return Responses.parse(in, "jar:/intents/responses.yml", RandomGenerator.getDefault());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<ChannelSender> senders() {
        List<ChannelSender> senders = new ArrayList<>();
        senders.add(new InboxSender(WebChatHub.CHANNEL, inbox));
        senders.add(new InboxSender(TerminalChannel.CHANNEL, inbox));
        int connections = genericConnections(config.pipeline().settings().senders());
        genericSignature()
                .ifPresent(signature -> senders.add(new GenericSender(
                        httpClient(connections),
                        mapper,
                        signature,
                        config.channels().generic().replyUrl(),
                        connections)));
        platforms.forEach(p -> senders.add(p.sender()));
        return senders;
    }

    /** The chat platforms that are on (their credentials are set), each with its webhook, sender and services. */
    private List<Platform> platforms() {
        List<Platform> on = new ArrayList<>();
        var random = new java.security.SecureRandom();
        config.channels()
                .wecom()
                .settings()
                .map(s -> WeComPlatform.create(s, httpClient(5), mapper, clock, random))
                .ifPresent(on::add);
        config.channels()
                .wechat()
                .settings()
                .map(s -> WeChatPlatform.create(
                        s, responses().render("utter_greet", "zh", Map.of()), httpClient(5), mapper, clock, random))
                .ifPresent(on::add);
        config.channels()
                .dingtalk()
                .settings()
                .map(s -> DingTalkPlatform.create(
                        s, mapper, clock, httpClient(5), inboundQueue, metrics, RandomGenerator.getDefault()))
                .ifPresent(on::add);
        config.channels()
                .telegram()
                .settings()
                .map(s -> TelegramPlatform.create(s, httpClient(5), mapper))
                .ifPresent(on::add);
        return List.copyOf(on);
    }

    private Map<String, OutboundDispatcher.RateLimit> rateLimits() {
        Map<String, OutboundDispatcher.RateLimit> limits = new HashMap<>();
        limits.put(
                GenericWebhook.CHANNEL,
                new OutboundDispatcher.RateLimit(config.channels().generic().ratePerMinute(), Duration.ofMinutes(1)));
        limits.put(
                WebChatHub.CHANNEL,
                new OutboundDispatcher.RateLimit(config.channels().webchat().ratePerMinute(), Duration.ofMinutes(1)));
        platforms.forEach(p -> limits.put(p.channel(), p.rateLimit()));
        return Map.copyOf(limits);
    }

    private Optional<GenericSignature> genericSignature() {
        var generic = config.channels().generic();
        return generic.enabled() ? Optional.of(new GenericSignature(generic.secret())) : Optional.empty();
    }

    /**
     * Generic replies in flight at once, and the keep-alive connections kept for them: one per sender thread (at least
     * OkHttp's default 5). The dispatcher sends a batch's recipients in parallel, up to batch size × senders calls;
     * unbounded, they opened hundreds of connections that the pool then closed again (connect, close and OkHttp's
     * pool bookkeeping took over a third of the server's CPU in the load benchmark, docs/PERFORMANCE.md).
     */
    private static int genericConnections(int senders) {
        return Math.max(5, senders);
    }

    private static OkHttpClient httpClient(int connections) {
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(connections, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10))
                .writeTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(15))
                .retryOnConnectionFailure(false)
                .build();
    }

    private static String consumerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xffff);
    }

    /** Starts the workers and senders, and subscribes this process's web chat connections to new replies. */
    public Application startPipeline() {
        if (config.matching().semanticWeight() > 0) {
            cn.shangliang.matching.BgeSmallZhEncoder.load(); // the model is loaded before the first concern arrives
        }
        follower.start();
        outboxRelay.start(Duration.ofSeconds(5)); // what a process that died left in the outbox
        scheduleJobs();
        worker.start();
        dispatcher.start();
        for (Platform platform : platforms) {
            for (Platform.Service service : platform.services()) {
                service.start();
                resources.add(service);
            }
        }
        resources.add(inbox.subscribe(a -> {
            if (WebChatHub.CHANNEL.equals(a.channel())) {
                hub.announced(a.userId());
            }
        }));
        log.info("pipeline running on Redis {}", redis.description());
        return this;
    }

    /** Starts HTTP (after the pipeline). */
    public Application startHttp() {
        var server = config.server();
        List<Readiness> readiness = List.of(
                new Readiness("redis", monitor::available),
                new Readiness("embedded-redis", redis::serving),
                new Readiness("topic-index", topicIndexReady));
        List<WebhookAdapter> webhooks = new ArrayList<>();
        genericSignature()
                .map(signature -> new GenericWebhook(
                        signature,
                        mapper,
                        clock,
                        Duration.ofSeconds(config.channels().generic().maxSkewSeconds())))
                .ifPresent(webhooks::add);
        platforms.forEach(p -> p.webhook().ifPresent(webhooks::add));
        this.http = new HttpServer(
                        new WebSettings(
                                server.host(),
                                server.port(),
                                server.maxThreads(),
                                config.channels().webchat().maxFrameBytes()),
                        readiness,
                        webhooks,
                        clock,
                        inboundQueue,
                        metrics,
                        hub,
                        registry::scrape,
                        issueBook,
                        config.apiTokens(),
                        access,
                        meetingDesk,
                        reports,
                        responses(),
                        auditLog,
                        new HttpServer.Console(config.regionsModel(), config.peopleModel(), this::similarIssues))
                .start();
        log.info(
                "Shangliang is up: web chat at http://localhost:{}/ (pid {})",
                http.port(),
                ManagementFactory.getRuntimeMXBean().getPid());
        return this;
    }

    /**
     * Possible duplicates of an issue for the console: the matcher's candidates for the issue's own words, from the
     * similarity at which it would ask a resident "is it this one?" up, without the issue itself.
     */
    private List<cn.shangliang.consultation.SimilarIssues.Similar> similarIssues(
            cn.shangliang.consultation.IssueDetail issue) {
        double from = config.matching().settings().askThreshold();
        return matcher
                .match(new cn.shangliang.matching.Concern(
                        issue.town(), issue.village(), issue.title() + "\n" + issue.text()))
                .candidates()
                .stream()
                .filter(c -> c.similarity() >= from && !c.topic().id().equals(issue.trackingNo()))
                .map(c -> new cn.shangliang.consultation.SimilarIssues.Similar(
                        c.topic().id(), c.similarity(), c.sharedTerms()))
                .toList();
    }

    /** The weekly progress table of an ISO week, with the rows of the towns {@code townShown} accepts. */
    private cn.shangliang.consultation.WeeklyTable.Table weeklyTable(
            cn.shangliang.consultation.IsoWeek week, java.util.function.Predicate<String> townShown) {
        return cn.shangliang.consultation.WeeklyTable.compute(
                week,
                clock.getZone(),
                clock.instant(),
                Duration.ofDays(config.dialogue().overdueDays()),
                new cn.shangliang.consultation.WeeklyTable.Sources(
                        config.regionsModel().towns().stream()
                                .filter(t -> townShown.test(t.name()))
                                .toList(),
                        issueBook::allOf,
                        config.roomsModel(),
                        config::roomSince,
                        (room, before) -> meetingBook.schedule(room, Instant.EPOCH, before)));
    }

    /** The weekly table's sources, renderings and signed links (report command, HTTP, chat). */
    public WeeklyReports reports() {
        return reports;
    }

    /** The Friday push, for {@code jobs run weekly-push}. */
    public WeeklyPush weeklyPush() {
        return weeklyPush;
    }

    /** The daily overdue digest, for {@code jobs run overdue-digest}. */
    public OverdueDigest overdueDigest() {
        return overdueDigest;
    }

    /** The daily retention sweep ({@code shangliang jobs run retention-sweep}). */
    public cn.shangliang.jobs.RetentionSweep retentionSweep() {
        return retentionSweep;
    }

    /** The consultation core, for commands such as import-topics. */
    public Consultation issues() {
        return issueBook;
    }

    /** The HTTP routes the server registered (after {@link #startHttp()}). */
    public List<String> httpRoutes() {
        return http.routes();
    }

    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public InboundQueue inboundQueue() {
        return inboundQueue;
    }

    public Inbox inbox() {
        return inbox;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        worker.close();
        dispatcher.close();
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                log.debug("closing {}: {}", r, e.toString());
            }
        }
        registry.close();
        redis.close();
    }
}
