package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml and the server agree: every {@code /api/…} route the server registers is in the spec, and every
 * path and method of the spec is registered. The spec, Swagger UI and the console's chart library are served from the
 * jar.
 */
class OpenApiSpecIT {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static WebTestServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() {
        server = WebTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void registeredApiRoutes_andSpecPaths_agree() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (String route : server.app().httpRoutes()) {
            String[] parts = route.split(" ", 2);
            if (parts[1].startsWith("/api/") && METHODS.contains(parts[0].toLowerCase(Locale.ROOT))) {
                registered.add(parts[0].toUpperCase(Locale.ROOT) + " " + parts[1]);
            }
        }
        JsonNode spec = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("docs/openapi.yaml").toFile());
        Set<String> documented = new TreeSet<>();
        spec.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    if (METHODS.contains(op.getKey())) {
                        documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));

        assertThat(spec.get("openapi").asText()).startsWith("3.1");
        assertThat(registered).as("routes the server registers").isNotEmpty();
        assertThat(documented).as("docs/openapi.yaml paths").isEqualTo(registered);
    }

    @Test
    void specSwaggerUiAndChartLibrary_areServedFromTheJar() throws Exception {
        assertThat(fetch("/api/openapi.yaml").body()).startsWith("openapi: 3.1");
        HttpResponse<String> docs = fetch("/api/docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/docs/swagger-ui-bundle.js").doesNotContain("https://");
        assertThat(fetch("/api/docs/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
        assertThat(fetch("/api/docs/swagger-ui.css").statusCode()).isEqualTo(200);
        assertThat(fetch("/console/vendor/echarts.min.js").body()).contains("echarts");
        assertThat(fetch("/console/").statusCode()).isEqualTo(200);
        assertThat(fetch("/favicon.ico").headers().firstValue("Content-Type")).hasValue("image/x-icon");
        assertThat(fetch("/console/..%2F..%2Fshangliang.yaml").statusCode()).isEqualTo(404);
        assertThat(fetch("/api/docs/pom.properties").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> fetch(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
