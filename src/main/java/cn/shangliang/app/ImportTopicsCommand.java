package cn.shangliang.app;

import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Topic;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Loads the topics a town already has, as JSON lines ({@code id, town, village, level, title, text}, optionally
 * {@code status} and {@code supporters}). Every line is checked first; one bad line loads nothing.
 */
@Command(
        name = "import-topics",
        mixinStandardHelpOptions = true,
        description = "Import existing consultation topics (JSONL); importing the same file twice changes nothing.")
public final class ImportTopicsCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config = new ConfigOption();

    @Parameters(paramLabel = "FILE", description = "topics, one JSON object per line")
    Path file;

    /** One valid line. */
    record Row(Topic topic, int supporters) {}

    @Override
    public Integer call() throws Exception {
        AppConfig cfg = config.load();
        List<String> errors = new ArrayList<>();
        List<Row> rows = parse(Files.readAllLines(file, StandardCharsets.UTF_8), cfg.regionsModel(), errors);
        if (!errors.isEmpty()) {
            errors.forEach(e -> System.err.println(file + ":" + e));
            System.err.println("import-topics: " + errors.size() + " bad line(s); nothing was imported");
            return 2;
        }
        int before;
        try (Application app = Application.command(cfg)) {
            before = app.issues().openTopics().size();
            for (Row row : rows) {
                app.issues().importTopic(row.topic(), row.supporters());
            }
            int after = app.issues().openTopics().size();
            System.out.printf("import-topics: %d topics read, %d new open topics%n", rows.size(), after - before);
        }
        return 0;
    }

    static List<Row> parse(List<String> lines, Regions regions, List<String> errors) {
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int no = i + 1;
            try {
                JsonNode n = json.readTree(line);
                if (n == null || !n.isObject()) {
                    errors.add(no + ": not a JSON object");
                    continue;
                }
                String id = n.path("id").asText("").strip();
                if (id.isEmpty() || id.length() > 64) {
                    errors.add(no + ": id must be 1-64 characters");
                    continue;
                }
                if (!ids.add(id)) {
                    errors.add(no + ": id " + id + " appears twice in the file");
                    continue;
                }
                Topic.Level level = switch (n.path("level").asText("").toLowerCase(Locale.ROOT)) {
                    case "town" -> Topic.Level.TOWN;
                    case "village" -> Topic.Level.VILLAGE;
                    default -> null;
                };
                if (level == null) {
                    errors.add(no + ": level must be town or village");
                    continue;
                }
                String town = n.path("town").asText("");
                String village =
                        level == Topic.Level.TOWN ? "" : n.path("village").asText("");
                if (!regions.contains(new cn.shangliang.consultation.Place(town.isBlank() ? "?" : town, village))) {
                    errors.add(no + ": unknown place " + town + (village.isEmpty() ? "" : "/" + village));
                    continue;
                }
                Topic.Status status;
                try {
                    status = Topic.Status.valueOf(
                            n.path("status").asText("accepted").toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(no + ": unknown status " + n.path("status").asText());
                    continue;
                }
                String text = n.path("text").asText("");
                if (text.isBlank() && n.path("title").asText("").isBlank()) {
                    errors.add(no + ": title and text are both empty");
                    continue;
                }
                int supporters = n.path("supporters").asInt(0);
                rows.add(new Row(
                        new Topic(id, town, village, level, n.path("title").asText(""), text, status), supporters));
            } catch (Exception e) {
                errors.add(no + ": not valid JSON");
            }
        }
        return rows;
    }
}
