package cn.shangliang.testing;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.Application;
import cn.shangliang.consultation.Access;
import cn.shangliang.consultation.Consultation;
import cn.shangliang.consultation.Effect;
import cn.shangliang.consultation.IssueRules;
import cn.shangliang.consultation.IssueStore;
import cn.shangliang.consultation.Outbox;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Router;
import cn.shangliang.consultation.Topic;
import cn.shangliang.store.RedisIssueStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The consultation core on a test's Redis (or in memory), for seeding issues beside a running application. */
public final class TestDesks {

    /** Routers trained once per configuration: training takes a few hundred milliseconds. */
    private static final java.util.Map<AppConfig, Router> ROUTERS = new java.util.concurrent.ConcurrentHashMap<>();

    private TestDesks() {}

    /** The application's router of {@code config} (examples under intents/routing), trained once. */
    public static Router router(AppConfig config) {
        return ROUTERS.computeIfAbsent(config, Application::router);
    }

    /**
     * Writes issues as the application would; of the outbox it delivers only the residents' issue lists: no one is
     * notified, no topic is published.
     */
    public static Consultation quiet(TestRedis redis, AppConfig config) {
        return quiet(new RedisIssueStore(redis.client(), Application.objectMapper()), config, Clock.systemUTC());
    }

    public static <S extends IssueStore & Outbox> Consultation quiet(S store, AppConfig config, Clock clock) {
        return new Consultation(
                store,
                new IssueRules(router(config), Duration.ofDays(14)),
                new Access(config.roomsModel()),
                config.regionsModel(),
                clock,
                code -> deliver(store, code, t -> {}));
    }

    /**
     * The core on {@code store} for tests of its rules and the store: the outbox is delivered at once, topics to
     * {@code published}, notices dropped (tests of notices use the real relay).
     */
    public static <S extends IssueStore & Outbox> Consultation delivering(
            S store, Regions regions, Router router, Clock clock, Consumer<Topic> published) {
        return new Consultation(
                store,
                new IssueRules(router, Duration.ofDays(14)),
                new Access(List.of()),
                regions,
                clock,
                code -> deliver(store, code, published));
    }

    private static <S extends IssueStore & Outbox> void deliver(S store, String code, Consumer<Topic> published) {
        var pending = store.pending(code, 1000);
        for (var e : pending) {
            switch (e.effect()) {
                case Effect.Remember r -> store.remember(r.reporter(), r.trackingNo(), r.at());
                case Effect.Publish p -> published.accept(p.topic());
                case Effect.Notify n -> {}
                case Effect.MeetingChanged m -> {}
            }
        }
        store.delivered(code, pending);
    }
}
