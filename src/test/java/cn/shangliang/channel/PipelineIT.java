package cn.shangliang.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shangliang.app.Application;
import cn.shangliang.channel.generic.GenericSender;
import cn.shangliang.channel.generic.GenericSignature;
import cn.shangliang.dialogue.Session;
import cn.shangliang.store.RedisInboundQueue;
import cn.shangliang.store.RedisInbox;
import cn.shangliang.store.RedisOutboundQueue;
import cn.shangliang.store.RedisRateLimiter;
import cn.shangliang.store.RedisSessionStore;
import cn.shangliang.testing.RedisPerClass;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The durable pipeline on a real Redis: reclaim after a worker dies, exactly-once replies, dead letters. */
class PipelineIT {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    private final Clock clock = Clock.systemUTC();
    private final PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());
    private final List<AutoCloseable> running = new ArrayList<>();
    private RedisInboundQueue inbound;
    private RedisOutboundQueue outbound;

    private static final PipelineSettings FAST = new PipelineSettings(
            2, 16, Duration.ofMillis(500), 3, 2, 3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofDays(7));

    @BeforeEach
    void setUp() {
        inbound = new RedisInboundQueue(redis.client(), Application.objectMapper(), Duration.ofDays(7));
        outbound = new RedisOutboundQueue(redis.client(), Application.objectMapper(), Duration.ofDays(7));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : running) {
            c.close();
        }
    }

    private Inbound message(String id) {
        return new Inbound("generic", id, "u-" + id, "", "路灯坏了", clock.instant(), Map.of());
    }

    private InboundWorker worker(MessageHandler handler) {
        InboundWorker worker = new InboundWorker(inbound, handler, FAST, metrics, clock, "test");
        running.add(worker);
        worker.start();
        return worker;
    }

    private OutboundDispatcher dispatcher(ChannelSender sender) {
        OutboundDispatcher dispatcher = unstartedDispatcher(sender, Map.of());
        dispatcher.start();
        return dispatcher;
    }

    /** A dispatcher closed after the test but not started: the test starts it, or delivers batches by hand. */
    private OutboundDispatcher unstartedDispatcher(
            ChannelSender sender, Map<String, OutboundDispatcher.RateLimit> limits) {
        OutboundDispatcher dispatcher = new OutboundDispatcher(
                outbound,
                List.of(sender),
                limits,
                new RedisRateLimiter(redis.client(), clock),
                FAST,
                metrics,
                clock,
                RandomGenerator.getDefault(),
                "test");
        running.add(dispatcher);
        return dispatcher;
    }

    /** A generic-channel sender that records the texts it sends. */
    private static ChannelSender recorder(List<String> sent) {
        return new ChannelSender() {
            @Override
            public String channel() {
                return "generic";
            }

            @Override
            public SendResult send(Outbound message) {
                sent.add(message.text());
                return new SendResult.Sent();
            }
        };
    }

    @Test
    void enqueue_fromManyThreadsAtOnce_eachIdIsQueuedOnce_andEachCallerHearsItsOwnOutcome() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        List<java.util.concurrent.Future<InboundQueue.EnqueueResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 400; i++) {
                String id = "g" + (i % 200); // every id twice
                results.add(pool.submit(() -> inbound.enqueue(message(id))));
            }
            int accepted = 0;
            for (var r : results) {
                if (r.get(10, java.util.concurrent.TimeUnit.SECONDS) instanceof InboundQueue.EnqueueResult.Accepted) {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(cn.shangliang.testing.Pipes.inbound(redis.client())).isEqualTo(200);
    }

    @Test
    void enqueue_sameMessageIdTwice_secondIsDuplicate() {
        assertThat(inbound.enqueue(message("a"))).isInstanceOf(InboundQueue.EnqueueResult.Accepted.class);
        assertThat(inbound.enqueue(message("a"))).isInstanceOf(InboundQueue.EnqueueResult.Duplicate.class);
        assertThat(cn.shangliang.testing.Pipes.inbound(redis.client())).isEqualTo(1);
    }

    @Test
    void worker_diesBetweenReadAndAck_messageIsReclaimedAndHandledOnce() {
        inbound.enqueue(message("b"));
        // a worker takes the message and dies without finishing it
        assertThat(inbound.read(0, "doomed-worker", 10, Duration.ofMillis(100))).hasSize(1);

        AtomicInteger handled = new AtomicInteger();
        worker(m -> {
            handled.incrementAndGet();
            return List.of(new Reply.ToSender("收到"));
        });

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cn.shangliang.testing.Pipes.outbound(redis.client()))
                        .isEqualTo(1));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cn.shangliang.testing.Pipes.inbound(redis.client()))
                        .isZero());
        assertThat(handled).hasValue(1);
        assertThat(cn.shangliang.testing.Pipes.inboundPending(redis.client())).isZero();
    }

    @Test
    void messagesOfOneUser_areHandledOneAtATimeInArrivalOrder() {
        List<String> users = List.of("amy", "bo", "cai");
        for (int i = 0; i < 60; i++) {
            String user = users.get(i % users.size());
            inbound.enqueue(new Inbound("generic", "o-" + i, user, "", Integer.toString(i), clock.instant(), Map.of()));
        }
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> inHand = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        worker(m -> {
            AtomicInteger mine = inHand.computeIfAbsent(m.userId(), u -> new AtomicInteger());
            if (mine.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            seen.computeIfAbsent(m.userId(), u -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(Integer.parseInt(m.text()));
            Thread.onSpinWait();
            mine.decrementAndGet();
            return List.of(new Reply.ToSender(m.text()));
        });

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cn.shangliang.testing.Pipes.outbound(redis.client()))
                        .isEqualTo(60));
        assertThat(overlaps).hasValue(0);
        for (String user : users) {
            assertThat(seen.get(user)).hasSize(20).isSorted();
        }
    }

    @Test
    void complete_calledAgainForSameMessage_queuesRepliesOnlyOnce() {
        inbound.enqueue(message("c"));
        InboundQueue.Delivery first =
                inbound.read(0, "w1", 10, Duration.ofMillis(100)).get(0);
        List<Outbound> replies = InboundWorker.toOutbound(first.message(), List.of(new Reply.ToSender("好的")));

        assertThat(inbound.complete(first, replies)).isTrue();
        assertThat(inbound.complete(first, replies)).isFalse();
        assertThat(inbound.isComplete(first.message())).isTrue();
        assertThat(cn.shangliang.testing.Pipes.outbound(redis.client())).isEqualTo(1);
    }

    @Test
    void completeAll_batchWithARepeat_queuesEachMessagesRepliesOnceAndAcknowledgesAll() {
        inbound.enqueue(message("e1"));
        inbound.enqueue(message("e2"));
        inbound.enqueue(message("e3"));
        List<InboundQueue.Delivery> batch = inbound.read(0, "w1", 10, Duration.ofMillis(100));
        assertThat(batch).hasSize(3);
        inbound.complete(batch.get(0), List.of()); // e1 finished already (e.g. by a worker that then died)
        List<InboundQueue.Completion> completions = new ArrayList<>();
        for (InboundQueue.Delivery d : batch) {
            completions.add(new InboundQueue.Completion(
                    d, InboundWorker.toOutbound(d.message(), List.of(new Reply.ToSender("好的")))));
        }

        inbound.completeAll(completions);

        assertThat(cn.shangliang.testing.Pipes.outbound(redis.client())).isEqualTo(2);
        assertThat(cn.shangliang.testing.Pipes.inbound(redis.client())).isZero();
        assertThat(cn.shangliang.testing.Pipes.inboundPending(redis.client())).isZero();
        assertThat(batch)
                .allSatisfy(d -> assertThat(inbound.isComplete(d.message())).isTrue());
    }

    @Test
    void completeAll_afterRedisForgotItsScripts_stillCompletes() {
        inbound.enqueue(message("f1"));
        inbound.enqueue(message("f2"));
        List<InboundQueue.Delivery> batch = inbound.read(0, "w1", 10, Duration.ofMillis(100));
        redis.client().scriptFlush();

        inbound.completeAll(batch.stream()
                .map(d -> new InboundQueue.Completion(
                        d, InboundWorker.toOutbound(d.message(), List.of(new Reply.ToSender("好的")))))
                .toList());

        assertThat(cn.shangliang.testing.Pipes.outbound(redis.client())).isEqualTo(2);
        assertThat(cn.shangliang.testing.Pipes.inbound(redis.client())).isZero();
    }

    @Test
    void handler_failsOnceAfterItsSideEffect_redeliveryGivesOneSetOfEffectsAndOneReply() {
        Map<String, Integer> effects = new ConcurrentHashMap<>(); // side effect keyed by message key
        AtomicInteger calls = new AtomicInteger();
        worker(m -> {
            effects.merge(m.key(), 1, (a, b) -> a); // idempotent by key
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("crash after the side effect");
            }
            return List.of(new Reply.ToSender("已登记"));
        });
        inbound.enqueue(message("d"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cn.shangliang.testing.Pipes.outbound(redis.client()))
                        .isEqualTo(1));
        assertThat(calls).hasValue(2);
        assertThat(effects).containsExactly(Map.entry("generic:d", 1));
    }

    @Test
    void handler_failsAfterSavingTheSession_theRedeliverySeesTheSessionAsItWas() {
        RedisSessionStore sessions =
                new RedisSessionStore(redis.client(), Application.objectMapper(), Duration.ofMinutes(30));
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        worker(
                new MessageHandler() { // as the dialogue does: sessions of the batch fetched first
                    @Override
                    public void prepare(List<Inbound> messages) {
                        sessions.prefetch(messages);
                    }

                    @Override
                    public List<Reply> handle(Inbound m) {
                        seen.add(sessions.load(m.channel(), m.userId()).lastKey());
                        int call = calls.incrementAndGet();
                        sessions.save(
                                m.channel(),
                                m.userId(),
                                new Session("", "", false, null, m.key() + "#" + call, List.of()));
                        if (call == 1) {
                            throw new IllegalStateException("crash after saving the session");
                        }
                        return List.of(new Reply.ToSender("好的"));
                    }
                });
        Inbound m = message("s");
        inbound.enqueue(m);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cn.shangliang.testing.Pipes.outbound(redis.client()))
                        .isEqualTo(1));
        assertThat(seen).containsExactly("", ""); // the failed turn left nothing behind
        assertThat(sessions.load(m.channel(), m.userId()).lastKey()).isEqualTo("generic:s#2");
    }

    @Test
    void handler_keepsFailing_messageEndsInDeadLetterStream() {
        AtomicInteger calls = new AtomicInteger();
        worker(m -> {
            calls.incrementAndGet();
            throw new IllegalStateException("poison");
        });
        inbound.enqueue(message("e"));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(cn.shangliang.testing.Pipes.inboundDead(redis.client()))
                        .isEqualTo(1));
        assertThat(calls).hasValue(FAST.maxDeliveries());
        assertThat(cn.shangliang.testing.Pipes.inbound(redis.client())).isZero();
        assertThat(cn.shangliang.testing.Pipes.outbound(redis.client())).isZero();
    }

    private record ScriptedSender(String channel, List<ChannelSender.SendResult> script, AtomicInteger calls)
            implements ChannelSender {
        @Override
        public SendResult send(Outbound message) {
            int n = calls.getAndIncrement();
            return script.get(Math.min(n, script.size() - 1));
        }
    }

    @Test
    void reply_resentAfterACrashBetweenSendAndAck_carriesTheSameReplyId() throws Exception {
        try (mockwebserver3.MockWebServer receiver = new mockwebserver3.MockWebServer()) {
            receiver.start();
            GenericSender generic = new GenericSender(
                    new okhttp3.OkHttpClient(),
                    Application.objectMapper(),
                    new GenericSignature("s3cret"),
                    receiver.url("/replies").toString(),
                    4);
            AtomicInteger calls = new AtomicInteger();
            dispatcher(new ChannelSender() {
                @Override
                public String channel() {
                    return "generic";
                }

                @Override
                public SendResult send(Outbound message) {
                    SendResult result = generic.send(message);
                    if (calls.getAndIncrement() == 0) { // the platform has it; the process dies before the ack
                        throw new IllegalStateException("crash between the platform call and the ack");
                    }
                    return result;
                }
            });
            outbound.enqueue(new Outbound("generic:m-77#1", "generic", "u", "你好", "m-77", 1, 1, Instant.now()));
            outbound.enqueue(new Outbound("generic:m-78#1", "generic", "u", "你好", "m-78", 1, 1, Instant.now()));

            List<String> sent = new ArrayList<>(); // "<in_reply_to>=<reply id>" per request the receiver got
            while (sent.stream().filter(x -> x.startsWith("m-77=")).count() < 2
                    || sent.stream().noneMatch(x -> x.startsWith("m-78="))) {
                mockwebserver3.RecordedRequest r = receiver.takeRequest(20, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r).as("requests so far: %s", sent).isNotNull();
                String header = r.getHeaders().get(GenericSender.REPLY_ID_HEADER);
                com.fasterxml.jackson.databind.JsonNode body =
                        Application.objectMapper().readTree(r.getBody().utf8());
                assertThat(body.path("reply_id").asText()).isEqualTo(header).matches("[0-9a-f]{32}");
                sent.add(body.path("in_reply_to").asText() + "=" + header);
            }
            // m-77's reply went out before the crash and again after the reclaim, under one id; m-78's has another
            assertThat(sent.stream().distinct()).hasSize(2);
            assertThat(sent.stream().map(x -> x.substring(x.indexOf('=') + 1)).distinct())
                    .hasSize(2);
        }
    }

    private void queueReply(String id) {
        outbound.enqueue(new Outbound(id, "generic", "u", "你好", "", 0, 0, Instant.now()));
    }

    @Test
    void reply_whoseSendKeepsFailing_endsInDeadLetterAfterConfiguredAttempts() {
        AtomicInteger calls = new AtomicInteger();
        dispatcher(new ScriptedSender(
                "generic", List.of(new ChannelSender.SendResult.RetryLater("HTTP 503", null)), calls));
        queueReply("r1");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cn.shangliang.testing.Pipes.outboundDead(redis.client()))
                        .isEqualTo(1));
        assertThat(calls).hasValue(FAST.maxAttempts());
        assertThat(cn.shangliang.testing.Pipes.retrying(redis.client())).isZero();
    }

    @Test
    void reply_transientFailureThenSuccess_isSentOnce() {
        AtomicInteger calls = new AtomicInteger();
        dispatcher(new ScriptedSender(
                "generic",
                List.of(new ChannelSender.SendResult.RetryLater("timeout", null), new ChannelSender.SendResult.Sent()),
                calls));
        queueReply("r2");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(calls).hasValue(2));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cn.shangliang.testing.Pipes.outbound(redis.client()))
                        .isZero());
        assertThat(cn.shangliang.testing.Pipes.outboundDead(redis.client())).isZero();
        assertThat(cn.shangliang.testing.Pipes.retrying(redis.client())).isZero();
    }

    @Test
    void reply_permanentFailure_isDeadLetteredWithoutRetry() {
        AtomicInteger calls = new AtomicInteger();
        dispatcher(new ScriptedSender(
                "generic", List.of(new ChannelSender.SendResult.Permanent("user blocked the bot")), calls));
        queueReply("r3");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cn.shangliang.testing.Pipes.outboundDead(redis.client()))
                        .isEqualTo(1));
        assertThat(calls).hasValue(1);
    }

    @Test
    void reply_forChannelWithoutSender_isDeadLettered() {
        dispatcher(new ScriptedSender("generic", List.of(new ChannelSender.SendResult.Sent()), new AtomicInteger()));
        outbound.enqueue(new Outbound("r4", "nowhere", "u", "你好", "", 0, 0, Instant.now()));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cn.shangliang.testing.Pipes.outboundDead(redis.client()))
                        .isEqualTo(1));
    }

    @Test
    void replies_toOneRecipientOverItsLimit_areDelayedAndStayInOrder() {
        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        ChannelSender recorder = recorder(sent);
        OutboundDispatcher dispatcher = unstartedDispatcher(
                recorder, Map.of("generic", new OutboundDispatcher.RateLimit(2, Duration.ofSeconds(1))));
        for (int i = 1; i <= 5; i++) {
            outbound.enqueue(new Outbound("o" + i, "generic", "same-user", "m" + i, "", 0, 0, Instant.now()));
        }
        dispatcher.start();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(sent).hasSize(5));
        assertThat(sent).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(cn.shangliang.testing.Pipes.outboundDead(redis.client())).isZero();
    }

    @Test
    void aNewerReply_waitsForAnOlderOneStillBeingSent_toTheSameRecipient() throws Exception {
        List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch firstInFlight = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch secondStarted = new java.util.concurrent.CountDownLatch(1);
        ChannelSender slowFirst = new ChannelSender() {
            @Override
            public String channel() {
                return "generic";
            }

            @Override
            public SendResult send(Outbound message) {
                if (message.text().equals("first")) {
                    firstInFlight.countDown();
                    try { // a slow platform call (shorter than FAST's reclaim idle time); a second sender thread
                        // would overtake it meanwhile
                        secondStarted.await(300, java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    secondStarted.countDown();
                }
                delivered.add(message.text());
                return new SendResult.Sent();
            }
        };
        dispatcher(slowFirst);
        outbound.enqueue(new Outbound("r1", "generic", "same-user", "first", "a", 1, 1, clock.instant()));
        assertThat(firstInFlight.await(10, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        outbound.enqueue(new Outbound("r2", "generic", "same-user", "second", "b", 1, 1, clock.instant()));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(delivered).hasSize(2));
        assertThat(delivered).containsExactly("first", "second");
    }

    @Test
    void newerReply_doesNotOvertakeAnOlderOneWaitingInTheRetrySet() {
        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        ChannelSender recorder = recorder(sent);
        // not started: batches are delivered by hand, so the race is played out deterministically
        OutboundDispatcher dispatcher = unstartedDispatcher(recorder, Map.of());
        Instant t = clock.instant();
        outbound.enqueue(new Outbound("a#2", "generic", "same-user", "older", "a", 2, 2, t));
        var older = outbound.read(0, "test", 10, Duration.ofMillis(100)).getFirst();
        outbound.retryAt(older, t.plusSeconds(60), 1); // e.g. held by a per-second limit, not yet promoted

        outbound.enqueue(new Outbound("b#1", "generic", "same-user", "newer", "b", 1, 1, t.plusMillis(5)));
        outbound.enqueue(new Outbound("n1", "generic", "someone-else", "other", "", 0, 0, t.plusMillis(5)));
        dispatcher.deliver(outbound.read(0, "test", 10, Duration.ofMillis(100)));

        assertThat(sent).containsExactly("other"); // the newer reply waits behind the older one
        assertThat(cn.shangliang.testing.Pipes.retrying(redis.client())).isEqualTo(2);

        outbound.promoteDue(t.plusSeconds(3600));
        dispatcher.deliver(outbound.read(0, "test", 10, Duration.ofMillis(100)));

        assertThat(sent).containsExactly("other", "older", "newer");
        assertThat(redis.client().exists(cn.shangliang.testing.Pipes.outboundHeld("generic", "same-user")))
                .as("held marks are cleared once sent")
                .isFalse();
    }

    @Test
    void aReleasedReply_doesNotWaitBehindALaterOne_createdInTheSameMillisecond() {
        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        OutboundDispatcher dispatcher = unstartedDispatcher(recorder(sent), Map.of());
        Instant t = clock.instant(); // same millisecond, same position: equal order
        outbound.enqueue(new Outbound("t1", "generic", "tie-user", "first", "", 0, 0, t));
        outbound.enqueue(new Outbound("t2", "generic", "tie-user", "second", "", 0, 0, t));
        List<OutboundQueue.Delivery> both = outbound.read(0, "test", 10, Duration.ofMillis(100));
        outbound.retryAt(both.get(0), t.plusSeconds(1), 1); // both held, e.g. by a per-second limit, in order
        outbound.retryAt(both.get(1), t.plusSeconds(2), 1);

        outbound.promoteDue(t.plusMillis(1500)); // the first is due, the second not yet
        dispatcher.deliver(outbound.read(0, "test", 10, Duration.ofMillis(100)));

        assertThat(sent).containsExactly("first"); // not pushed behind the second, which waits behind it
        outbound.promoteDue(t.plusSeconds(3));
        dispatcher.deliver(outbound.read(0, "test", 10, Duration.ofMillis(100)));
        assertThat(sent).containsExactly("first", "second");
    }

    @Test
    void notification_enqueuedTwiceWithSameId_isQueuedOnce() {
        queueReply("n1");
        queueReply("n1");
        assertThat(cn.shangliang.testing.Pipes.outbound(redis.client())).isEqualTo(1);
    }

    @Test
    void rateLimit_overAllowance_delaysInsteadOfDropping() {
        RedisRateLimiter limiter = new RedisRateLimiter(redis.client(), clock);
        var u = new RateLimiter.Request("generic", "u", 2, Duration.ofMinutes(1));
        var other = new RateLimiter.Request("generic", "other", 2, Duration.ofMinutes(1));

        var answers = limiter.acquire(List.of(u, u, u, other));

        assertThat(answers.get(0)).isEmpty();
        assertThat(answers.get(1)).isEmpty();
        assertThat(answers.get(2)).isPresent();
        assertThat(answers.get(2).get()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(answers.get(3)).isEmpty();
    }

    @Test
    void inbox_keepsRepliesForReconnectingClients() {
        RedisInbox inbox = new RedisInbox(redis.client(), Application.objectMapper());
        String first = inbox.append(new Outbound("x#1", "webchat", "user-1234", "一", "x", 1, 1, Instant.now()));
        inbox.append(new Outbound("y#1", "webchat", "user-1234", "二", "y", 1, 1, Instant.now()));

        assertThat(inbox.after("webchat", "user-1234", first, 10))
                .extracting(e -> e.message().text())
                .containsExactly("二");
        assertThat(inbox.after("webchat", "user-1234", "0", 10)).hasSize(2);
    }
}
