package cn.shangliang.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalMatchCommandTest {

    @TempDir
    Path dir;

    @Test
    void evalMatch_writesOnePredictionPerQueryAndPrintsOneLine() throws Exception {
        Path topics = write(
                "topics.jsonl",
                List.of(
                        "{\"id\":\"T1\",\"town\":\"月城镇\",\"village\":\"双泾村\",\"level\":\"village\",\"title\":\"主路路灯坏了不亮\","
                                + "\"text\":\"村里主路上好几盏路灯坏了，晚上一片漆黑。\"}"));
        Path queries = write(
                "queries.jsonl",
                List.of(
                        "{\"id\":\"Q1\",\"town\":\"月城镇\",\"village\":\"双泾村\",\"text\":\"主路路灯坏了好几盏，晚上一片漆黑\",\"expect\":\"T1\"}",
                        "{\"id\":\"Q2\",\"town\":\"月城镇\",\"village\":\"双泾村\",\"text\":\"😀😀\",\"expect\":null}",
                        "{\"id\":\"Q3\",\"town\":\"青阳镇\",\"village\":\"\",\"text\":\"路灯坏了\",\"expect\":null}"));
        Path out = dir.resolve("pred.jsonl");
        StringWriter stdout = new StringWriter();
        CommandLine cli = new CommandLine(new EvalMatchCommand());
        cli.setOut(new PrintWriter(stdout));

        int code = cli.execute("--topics", topics.toString(), "--queries", queries.toString(), "--out", out.toString());

        assertThat(code).isZero();
        assertThat(stdout.toString().strip().lines()).hasSize(1);
        List<JsonNode> predictions =
                Files.readAllLines(out).stream().map(this::json).toList();
        assertThat(predictions).extracting(p -> p.get("id").asText()).containsExactly("Q1", "Q2", "Q3");
        assertThat(predictions.get(0).get("decision").asText()).isEqualTo("match");
        assertThat(predictions.get(0).get("topic").asText()).isEqualTo("T1");
        assertThat(predictions.get(1).get("decision").asText()).isEqualTo("new");
        assertThat(predictions.get(2).get("candidates")).isEmpty();
    }

    @Test
    void evalMatch_missingFile_exitsWithUsageError() {
        CommandLine cli = new CommandLine(new EvalMatchCommand());
        cli.setErr(new PrintWriter(new StringWriter()));
        int code = cli.execute("--topics", dir.resolve("none.jsonl").toString(), "--queries", "q", "--out", "o");
        assertThat(code).isEqualTo(2);
    }

    private Path write(String name, List<String> lines) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
