package cn.shangliang.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code eval-routing} on the routing development set (src/test/resources/eval/routing-dev.jsonl: 100 concerns,
 * half town-level, half village-level) and on the levels of the shared development topics, and fails below the floors
 * measured in docs/PERFORMANCE.md.
 */
class RoutingQualityTest {

    private static final Path OWN = Path.of("src", "test", "resources", "eval", "routing-dev.jsonl");
    private static final Path SHARED = Path.of("..", "shared", "eval", "dev", "topics.jsonl");

    @TempDir
    Path dir;

    @Test
    void routingDevSet_levelAccuracy_atLeast95Percent() {
        assertThat(accuracy(OWN)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void sharedDevTopics_levelAccuracy_holdsTheMeasuredLevel() {
        assumeTrue(Files.isRegularFile(SHARED), "dev set not found at " + SHARED.toAbsolutePath());
        assertThat(accuracy(SHARED)).isGreaterThanOrEqualTo(0.94);
    }

    @Test
    void routingExamples_ofAnUnlistedCategory_areAConfigurationErrorNamingTheFile() throws IOException {
        Path intents = dir.resolve("intents");
        Files.createDirectories(intents.resolve("routing"));
        Files.writeString(
                intents.resolve("routing").resolve("extra.yml"),
                "nlu:\n- intent: 菜场\n  examples: |\n    - 菜场太小了\n",
                StandardCharsets.UTF_8);
        Path file = dir.resolve("shangliang.yaml");
        Files.writeString(
                file,
                "intents_dir: " + intents + "\nrouting:\n  - {name: 照明, keywords: [路灯]}\n",
                StandardCharsets.UTF_8);
        AppConfig config = new ConfigLoader(Map.of()).load(file);

        assertThatThrownBy(() -> Application.router(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("extra.yml:4")
                .hasMessageContaining("菜场");
    }

    @Test
    void routingThresholds_outOfRange_nameTheKey() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "routing_thresholds: {review_below: 0.3}\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("review_below");
    }

    @Test
    void withoutRoutingCategories_theExamplesAreNotRead_andEverythingIsFlagged() throws IOException {
        Path file = dir.resolve("none.yaml");
        Files.writeString(file, "regions:\n  - {town: 青阳镇, code: QY, villages: [里庄村]}\n", StandardCharsets.UTF_8);
        AppConfig config = new ConfigLoader(Map.of()).load(file);

        var routing = Application.router(config).route("厂房用地批不下来", new cn.shangliang.consultation.Place("青阳镇", "里庄村"));
        assertThat(routing.needsReview()).isTrue();
        assertThat(routing.level()).isEqualTo(cn.shangliang.consultation.Topic.Level.VILLAGE);
    }

    /** The share of labelled concerns routed to their level, as {@code eval-routing} writes them. */
    private double accuracy(Path in) {
        try {
            Path out = dir.resolve("pred.jsonl");
            CommandLine cli = new CommandLine(new EvalRoutingCommand());
            cli.setOut(new PrintWriter(new StringWriter()));
            assertThat(cli.execute("--in", in.toString(), "--out", out.toString()))
                    .isZero();
            ObjectMapper json = new ObjectMapper();
            Map<String, String> gold = new HashMap<>();
            for (String line : Files.readAllLines(in, StandardCharsets.UTF_8)) {
                JsonNode n = json.readTree(line);
                gold.put(n.path("id").asText(), n.path("level").asText());
            }
            int right = 0;
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                JsonNode p = json.readTree(line);
                right += gold.get(p.path("id").asText()).equals(p.path("level").asText()) ? 1 : 0;
            }
            assertThat(gold).hasSizeGreaterThanOrEqualTo(50);
            return (double) right / gold.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
