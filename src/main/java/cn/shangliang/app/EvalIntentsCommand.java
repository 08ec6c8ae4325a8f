package cn.shangliang.app;

import cn.shangliang.dialogue.IntentClassifier;
import cn.shangliang.dialogue.IntentPrediction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the bot's own intent classifier on a data set; prints only a one-line summary. */
@Command(
        name = "eval-intents",
        mixinStandardHelpOptions = true,
        description = "Classify utterances (JSONL with id, text) with the bot's classifier; write {id, intent} lines.")
public final class EvalIntentsCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--in", required = true, paramLabel = "U.jsonl", description = "utterances")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "P.jsonl", description = "predictions")
    Path out;

    @Option(
            names = "--repeat",
            paramLabel = "N",
            description = "passes over the inputs for the warm timing (default: ${DEFAULT-VALUE})")
    int repeat = 200;

    @Override
    public Integer call() throws Exception {
        AppConfig cfg = config.load();
        long start = System.nanoTime();
        IntentClassifier classifier = Understanding.classifier(cfg);
        long trained = System.nanoTime();
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
        int n = 0;
        long classifyNanos = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                long t0 = System.nanoTime();
                IntentPrediction prediction =
                        classifier.classify(node.path("text").asText(""));
                classifyNanos += System.nanoTime() - t0;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", node.path("id").asText());
                row.put("intent", prediction.intent());
                writer.write(json.writeValueAsString(row));
                writer.newLine();
                n++;
            }
        }
        System.out.printf(
                "eval-intents: %d utterances -> %s (trained on %d intents in %d ms; %.1f µs per message cold, %.1f µs"
                        + " warm)%n",
                n,
                out,
                classifier.intents().size(),
                (trained - start) / 1_000_000,
                n == 0 ? 0.0 : classifyNanos / 1000.0 / n,
                warmMicros(classifier, lines, json));
        return 0;
    }

    /** Mean time per message once the JIT has warmed up: the last of {@code repeat} passes over the inputs. */
    private double warmMicros(IntentClassifier classifier, List<String> lines, ObjectMapper json) throws Exception {
        List<String> texts = new java.util.ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                texts.add(json.readTree(line).path("text").asText(""));
            }
        }
        if (texts.isEmpty()) {
            return 0;
        }
        long nanos = 0;
        for (int pass = 0; pass < repeat; pass++) {
            long t0 = System.nanoTime();
            for (String text : texts) {
                classifier.classify(text);
            }
            nanos = System.nanoTime() - t0;
        }
        return nanos / 1000.0 / texts.size();
    }
}
