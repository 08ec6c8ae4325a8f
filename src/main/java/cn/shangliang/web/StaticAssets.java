package cn.shangliang.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The files of the staff console ({@code /console/}), the API docs ({@code /api/docs}, Swagger UI from its webjar, the
 * spec at {@code /api/openapi.yaml}) and the favicon, all read from the jar: nothing is fetched from the internet.
 * Only names matching {@link #FILE} are served, so no request can walk out of the folders meant to be public.
 */
final class StaticAssets {

    static final Pattern FILE = Pattern.compile("[a-z0-9-]+\\.(js|css|png|svg)");
    private static final String CONSOLE = "/web/console/";
    private static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'"
            + " 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";

    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();
    private final String echarts;
    private final String swagger;

    StaticAssets() {
        this.echarts = "/META-INF/resources/webjars/echarts/" + webjarVersion("org.webjars.npm", "echarts")
                + "/dist/echarts.min.js";
        this.swagger = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion("org.webjars", "swagger-ui") + "/";
    }

    void routes(JavalinConfig config) {
        config.routes.get("/favicon.ico", ctx -> serve(ctx, "/web/favicon.ico", "image/x-icon"));
        config.routes.get("/console", ctx -> serve(ctx, CONSOLE + "index.html", "text/html; charset=utf-8"));
        config.routes.get("/console/vendor/echarts.min.js", ctx -> serve(ctx, echarts, type("x.js")));
        config.routes.get("/console/{file}", ctx -> file(ctx, CONSOLE));
        config.routes.get("/api/docs", ctx -> serve(ctx, "/web/api-docs.html", "text/html; charset=utf-8"));
        config.routes.get("/api/docs/{file}", ctx -> {
            String file = ctx.pathParam("file");
            file(ctx, "api-docs.js".equals(file) ? "/web/" : swagger);
        });
        config.routes.get(
                "/api/openapi.yaml", ctx -> serve(ctx, "/docs/openapi.yaml", "application/yaml; charset=utf-8"));
    }

    private void file(Context ctx, String folder) {
        String name = ctx.pathParam("file");
        if (!FILE.matcher(name).matches()) {
            ctx.status(404).json(Map.of("error", "not found"));
            return;
        }
        serve(ctx, folder + name, type(name));
    }

    private void serve(Context ctx, String resource, String type) {
        Optional<byte[]> bytes = cache.computeIfAbsent(resource, StaticAssets::read);
        if (bytes.isEmpty()) {
            ctx.status(404).json(Map.of("error", "not found"));
            return;
        }
        ctx.header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", PAGE_POLICY)
                .contentType(type)
                .result(bytes.get());
    }

    private static String type(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "png" -> "image/png";
            case "svg" -> "image/svg+xml";
            default -> "application/octet-stream";
        };
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of a webjar on the class path, from its Maven metadata (so the pom alone pins it). */
    private static String webjarVersion(String group, String artifact) {
        String name = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = StaticAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("webjar " + group + ":" + artifact + " missing from the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
