package cn.shangliang.app;

import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Router;
import cn.shangliang.consultation.Routing;
import cn.shangliang.consultation.Town;
import cn.shangliang.matching.ChineseAnalyzer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the bot's own tiered-consultation router on a data set and prints only a one-line summary. Every text is routed
 * as raised in a village (its own {@code town}/{@code village} when given, else the first configured village of its
 * town): that measures the level of the matter itself, since a resident who gave only a town is always filed at the
 * town. A text whose routing is unsure counts with the level it is filed at (village).
 */
@Command(
        name = "eval-routing",
        mixinStandardHelpOptions = true,
        description = "Route concerns (JSONL with id, text and optionally level, town, village) with the bot's router;"
                + " write {id, level, category, confidence, needs_review} lines.")
public final class EvalRoutingCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--in", required = true, paramLabel = "C.jsonl", description = "concerns")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "P.jsonl", description = "predictions")
    Path out;

    @Override
    public Integer call() throws Exception {
        AppConfig cfg = config.load();
        ChineseAnalyzer.fold(""); // the folding table is built once per process, for the matcher as well: not training
        long start = System.nanoTime();
        Router router = Understanding.router(cfg);
        long trained = System.nanoTime();
        Regions regions = cfg.regionsModel();
        ObjectMapper json = new ObjectMapper();
        int n = 0;
        int labelled = 0;
        int right = 0;
        int flagged = 0;
        Map<String, int[]> perLevel = new LinkedHashMap<>();
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (String line : Files.readAllLines(in, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                Routing routing = router.route(node.path("text").asText(""), villageOf(regions, node));
                String level = routing.level().name().toLowerCase(Locale.ROOT);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", node.path("id").asText());
                row.put("level", level);
                row.put("category", routing.category());
                row.put("confidence", Math.round(routing.confidence() * 1000) / 1000.0);
                row.put("needs_review", routing.needsReview());
                writer.write(json.writeValueAsString(row));
                writer.newLine();
                n++;
                flagged += routing.needsReview() ? 1 : 0;
                String gold = node.path("level").asText("");
                if (!gold.isEmpty()) {
                    labelled++;
                    int[] counts = perLevel.computeIfAbsent(gold, k -> new int[2]);
                    counts[1]++;
                    if (gold.equals(level)) {
                        right++;
                        counts[0]++;
                    }
                }
            }
        }
        StringBuilder levels = new StringBuilder();
        perLevel.forEach((level, c) -> levels.append(", ")
                .append(level)
                .append(' ')
                .append(c[0])
                .append('/')
                .append(c[1]));
        System.out.printf(
                Locale.ROOT,
                "eval-routing: %d concerns -> %s (level accuracy %.1f%% of %d labelled%s; %d flagged for review;"
                        + " trained in %d ms)%n",
                n,
                out,
                labelled == 0 ? 0.0 : 100.0 * right / labelled,
                labelled,
                levels,
                flagged,
                (trained - start) / 1_000_000);
        return 0;
    }

    /** The text's own village, else the first village of its town (or of the first town): a village-level place. */
    private static Place villageOf(Regions regions, JsonNode node) {
        String townName = node.path("town").asText("");
        String village = node.path("village").asText("");
        Town town = regions.town(townName)
                .orElse(regions.towns().isEmpty() ? null : regions.towns().get(0));
        if (town == null) {
            return new Place(townName.isEmpty() ? "?" : townName, village.isEmpty() ? "?" : village);
        }
        if (village.isEmpty() || !town.villages().contains(village)) {
            List<String> villages = town.villages();
            village = villages.isEmpty() ? "?" : villages.get(0);
        }
        return new Place(town.name(), village);
    }
}
