package cn.shangliang.web;

import cn.shangliang.channel.InboundQueue;
import cn.shangliang.channel.PipelineMetrics;
import cn.shangliang.channel.WebhookAdapter;
import cn.shangliang.channel.webchat.WebChatHub;
import cn.shangliang.consultation.Access;
import cn.shangliang.consultation.IssueBook;
import cn.shangliang.consultation.MeetingDesk;
import cn.shangliang.consultation.People;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.SimilarIssues;
import cn.shangliang.consultation.Staff;
import cn.shangliang.dialogue.Responses;
import cn.shangliang.report.WeeklyReports;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The HTTP side: health, readiness, metrics, webhooks, the web chat page and its WebSocket, the staff API, the staff
 * console and the API docs.
 */
public final class HttpServer implements AutoCloseable {

    /** What the staff console's own routes read: the configured places and people, and possible duplicates. */
    public record Console(Regions regions, People people, SimilarIssues similar) {}

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final Javalin app;

    /**
     * @param platformWebhooks the webhooks of the channels that are on (generic and chat platforms); the others' routes
     *     answer 404
     * @param metricsScrape the Prometheus text of all meters
     */
    public HttpServer(
            WebSettings settings,
            List<Readiness> readiness,
            List<WebhookAdapter> platformWebhooks,
            Clock clock,
            InboundQueue queue,
            PipelineMetrics metrics,
            WebChatHub hub,
            Supplier<String> metricsScrape,
            IssueBook issues,
            Function<String, Optional<Staff>> apiTokens,
            Access access,
            MeetingDesk meetings,
            WeeklyReports reports,
            Responses responses,
            cn.shangliang.consultation.AuditLog audit,
            Console console) {
        Map<String, byte[]> pages = Map.of(
                "/", resource("/web/index.html"),
                "/chat.js", resource("/web/chat.js"),
                "/chat.css", resource("/web/chat.css"));
        WebChatSocket socket = new WebChatSocket(hub);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            // bounded: every request may need a Redis connection, and the pool is shared with the pipeline
            config.jetty.threadPool = new QueuedThreadPool(settings.maxThreads(), Math.min(8, settings.maxThreads()));
            config.http.maxRequestSize = Math.max(
                    WebhookAdapter.DEFAULT_MAX_BODY + 1L,
                    platformWebhooks.stream()
                            .mapToLong(w -> w.maxBodyBytes() + 1L)
                            .max()
                            .orElse(0));
            config.jetty.modifyWebSocketServletFactory(f -> {
                f.setMaxTextMessageSize(settings.maxWebSocketFrameBytes());
                f.setMaxBinaryMessageSize(1024);
                f.setIdleTimeout(java.time.Duration.ofMinutes(10));
            });
            routes(config, readiness, pages, socket, metricsScrape);
            PlatformWebhookRoute.register(config, platformWebhooks, queue, metrics, clock);
            BearerTokens bearer = new BearerTokens(apiTokens);
            new IssueApi(issues, bearer, responses).routes(config);
            new MeetingApi(meetings, bearer, responses, clock).routes(config);
            new WeeklyReportApi(reports, access, bearer, clock).routes(config);
            new AuditApi(audit, bearer, clock).routes(config);
            new ConsoleApi(bearer, access, console, issues).routes(config);
            new StaticAssets().routes(config);
            errors(config);
        });
    }

    private static void routes(
            JavalinConfig config,
            List<Readiness> readiness,
            Map<String, byte[]> pages,
            WebChatSocket socket,
            Supplier<String> metricsScrape) {
        config.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
        config.routes.get("/ready", ctx -> ready(ctx, readiness));
        config.routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metricsScrape.get()));
        pages.forEach((path, bytes) -> config.routes.get(path, ctx -> page(ctx, path, bytes)));
        config.routes.wsBeforeUpgrade("/ws/chat", socket::beforeUpgrade);
        config.routes.ws("/ws/chat", socket::configure);
    }

    private static void ready(Context ctx, List<Readiness> readiness) {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        boolean all = true;
        for (Readiness r : readiness) {
            boolean ok;
            try {
                ok = r.check().getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            checks.put(r.name(), ok);
            all &= ok;
        }
        ctx.status(all ? 200 : 503).json(Map.of("ready", all, "checks", checks));
    }

    private static void page(Context ctx, String path, byte[] bytes) {
        String type = path.endsWith(".js")
                ? "text/javascript; charset=utf-8"
                : path.endsWith(".css") ? "text/css; charset=utf-8" : ContentType.HTML + "; charset=utf-8";
        ctx.header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", "default-src 'self'; connect-src 'self'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .contentType(type)
                .result(bytes);
    }

    /** Maps failures to HTTP statuses, in one place. */
    private static void errors(JavalinConfig config) {
        config.routes.exception(JedisException.class, (e, ctx) -> {
            log.warn("{} {}: Redis unavailable: {}", ctx.method(), ctx.path(), e.toString());
            ctx.status(503).json(Map.of("error", "storage temporarily unavailable, retry later"));
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(Map.of("error", "internal error"));
        });
    }

    private static byte[] resource(String name) {
        try (InputStream in = HttpServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpServer start() {
        app.start();
        return this;
    }

    /** The registered HTTP routes as {@code "GET /api/queues"}, in registration order (the OpenAPI check reads them). */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .toList();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
