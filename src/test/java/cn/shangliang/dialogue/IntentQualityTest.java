package cn.shangliang.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.ConfigLoader;
import cn.shangliang.dialogue.nlu.RasaNluLoader;
import cn.shangliang.matching.ChineseAnalyzer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The classifier on the shared development set, which is never used for training. */
class IntentQualityTest {

    private static final Path DEV = Path.of("../shared/eval/dev/intents.jsonl");

    @Test
    void devSet_accuracyAndMacroF1_atLeast095() throws Exception {
        Assumptions.assumeTrue(Files.exists(DEV), "the shared dev set is not beside the repository");
        AppConfig config = new ConfigLoader(Map.of()).load(Path.of("config/shangliang.yaml"));
        ChineseAnalyzer analyzer = ChineseAnalyzer.withSynonymFile(Path.of(config.synonymsFile()));
        var regions = config.regionsModel();
        IntentClassifier classifier = IntentClassifier.train(
                RasaNluLoader.loadDirectory(Path.of("intents"))
                        .withLookup("town", regions.townNames())
                        .withLookup("village", regions.villageNames()),
                ChineseAnalyzer::fold,
                text -> analyzer.terms(ChineseAnalyzer.WORDS, text));

        ObjectMapper json = new ObjectMapper();
        Map<String, int[]> counts = new HashMap<>(); // tp, fp, fn
        Set<String> labels = new HashSet<>();
        int correct = 0;
        List<String> lines = Files.readAllLines(DEV);
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            String expected = row.get("intent").asText();
            String predicted = classifier.classify(row.get("text").asText()).intent();
            labels.add(expected);
            if (expected.equals(predicted)) {
                correct++;
                counts.computeIfAbsent(expected, k -> new int[3])[0]++;
            } else {
                counts.computeIfAbsent(predicted, k -> new int[3])[1]++;
                counts.computeIfAbsent(expected, k -> new int[3])[2]++;
            }
        }
        double f1Sum = 0;
        for (String label : labels) {
            int[] c = counts.getOrDefault(label, new int[3]);
            double p = c[0] + c[1] == 0 ? 0 : c[0] / (double) (c[0] + c[1]);
            double r = c[0] + c[2] == 0 ? 0 : c[0] / (double) (c[0] + c[2]);
            f1Sum += p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
        double accuracy = correct / (double) lines.size();
        double macroF1 = f1Sum / labels.size();

        assertThat(accuracy).as("accuracy").isGreaterThanOrEqualTo(0.95);
        assertThat(macroF1).as("macro-F1").isGreaterThanOrEqualTo(0.95);
    }
}
