package cn.shangliang.app;

import cn.shangliang.consultation.Topic;
import cn.shangliang.matching.AnalysisOptions;
import cn.shangliang.matching.Candidate;
import cn.shangliang.matching.ChineseAnalyzer;
import cn.shangliang.matching.Concern;
import cn.shangliang.matching.LuceneTopicIndex;
import cn.shangliang.matching.MatchFeatures;
import cn.shangliang.matching.MatchResult;
import cn.shangliang.matching.SynonymTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code shangliang eval-match}: runs the bot's matcher on a data set (formats in eval/README.md) with a throwaway
 * in-memory index and writes one prediction per query. Prints nothing but a one-line summary.
 */
@Command(
        name = "eval-match",
        mixinStandardHelpOptions = true,
        description = "Run the matcher on a labelled data set and write predictions (JSONL).")
public final class EvalMatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--topics", required = true, description = "open topics, JSONL")
    Path topicsFile;

    @Option(names = "--queries", required = true, description = "queries, JSONL")
    Path queriesFile;

    @Option(names = "--out", required = true, description = "predictions to write, JSONL")
    Path outFile;

    @Option(names = "--config", description = "config file with a matching: section (default: built-in thresholds)")
    Path configFile;

    private Path synonymsFile = Path.of("config", "synonyms.txt");
    private boolean synonymsGiven;

    @Option(
            names = "--synonyms",
            description = "synonym file, Solr format (default: synonyms_file of the configuration)")
    void synonyms(Path file) {
        this.synonymsFile = file;
        this.synonymsGiven = true;
    }

    @Option(
            names = "--analysis",
            hidden = true,
            description = "ablation: comma-separated parts to switch off (normalise, words, bigrams, stopwords,"
                    + " synonyms), each prefixed with '-'")
    String analysisSwitches = "";

    @Option(names = "--explain", hidden = true, description = "also write every candidate's features here (JSONL)")
    Path explainFile;

    private final ObjectMapper json = new ObjectMapper();

    /** Runs the command on its own (Main also registers it as a subcommand). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new EvalMatchCommand()).execute(args));
    }

    @Override
    public Integer call() {
        AppConfig.Matching settings = loadSettings();
        AnalysisOptions options = analysisOptions(analysisSwitches);
        SynonymTable synonyms = readSynonyms(options);
        List<Topic> topics = readTopics();
        List<JsonNode> queries = readJsonl(queriesFile);
        int[] counts = new int[4];
        try (LuceneTopicIndex index = Application.matcher(
                        settings,
                        new ChineseAnalyzer(options, synonyms),
                        cn.shangliang.matching.TopicVectors.inMemory(100_000));
                BufferedWriter out = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8);
                PrintWriter explain = explainFile == null
                        ? null
                        : new PrintWriter(Files.newBufferedWriter(explainFile, StandardCharsets.UTF_8))) {
            index.replaceAll(topics);
            index.prepareVectorsNow();
            index.markReady();
            for (JsonNode q : queries) {
                Concern concern = new Concern(text(q, "town"), text(q, "village"), text(q, "text"));
                MatchResult result = index.match(concern);
                out.write(json.writeValueAsString(prediction(text(q, "id"), result, counts)));
                out.newLine();
                if (explain != null) {
                    explain.println(json.writeValueAsString(explanation(q, index.explain(concern))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + outFile, e);
        }
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "eval-match: %d topics, %d queries: match %d, ask %d, new %d, no content %d -> %s%n",
                        topics.size(),
                        queries.size(),
                        counts[0],
                        counts[1],
                        counts[2],
                        counts[3],
                        outFile);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private ObjectNode prediction(String id, MatchResult result, int[] counts) {
        ObjectNode p = json.createObjectNode();
        p.put("id", id);
        String decision;
        String topic = null;
        switch (result) {
            case MatchResult.Confident c -> {
                decision = "match";
                topic = c.best().topic().id();
                counts[0]++;
            }
            case MatchResult.Ambiguous a -> {
                decision = "ask";
                counts[1]++;
            }
            case MatchResult.NoMatch n -> {
                decision = "new";
                counts[2]++;
            }
            case MatchResult.NoContent n -> {
                decision = "new";
                counts[3]++;
            }
        }
        p.put("decision", decision);
        p.put("topic", topic);
        var candidates = p.putArray("candidates");
        for (Candidate c : result.candidates()) {
            candidates.add(c.topic().id());
        }
        var similarities = p.putArray("similarities");
        for (Candidate c : result.candidates()) {
            similarities.add(Math.round(c.similarity() * 1000) / 1000.0);
        }
        return p;
    }

    private ObjectNode explanation(JsonNode q, List<Map.Entry<Topic, MatchFeatures>> features) {
        ObjectNode e = json.createObjectNode();
        e.put("id", text(q, "id"));
        e.set("expect", q.get("expect"));
        var rows = e.putArray("candidates");
        for (Map.Entry<Topic, MatchFeatures> entry : features) {
            ObjectNode row = rows.addObject();
            MatchFeatures f = entry.getValue();
            row.put("topic", entry.getKey().id());
            row.put("qw", f.queryWords());
            row.put("qb", f.queryBigrams());
            row.put("title", f.titleCoverage());
            row.put("whole", f.topicCoverage());
            row.put("shared", String.join(" ", f.sharedTerms()));
        }
        return e;
    }

    /**
     * The thresholds and synonyms the bot itself uses: from {@code --config}, else {@code $SHANGLIANG_CONFIG} or
     * {@code config/shangliang.yaml} when present, else the built-in defaults.
     */
    private AppConfig.Matching loadSettings() {
        Path file = configFile != null
                ? configFile
                : Path.of(System.getenv().getOrDefault("SHANGLIANG_CONFIG", "config/shangliang.yaml"));
        if (configFile == null && !Files.isRegularFile(file)) {
            if (!synonymsGiven) {
                synonymsFile = BuiltIn.path(BuiltIn.SYNONYMS);
            }
            return AppConfig.Matching.DEFAULTS;
        }
        try {
            AppConfig config = new ConfigLoader(System.getenv()).load(file);
            if (!synonymsGiven) {
                synonymsFile = config.synonymsPath();
            }
            return config.matching();
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private AnalysisOptions analysisOptions(String switches) {
        AnalysisOptions options = AnalysisOptions.all();
        for (String raw : switches.split(",")) {
            String s = raw.strip();
            if (s.isEmpty()) {
                continue;
            }
            options = switch (s) {
                case "-normalise" -> options.withNormalise(false);
                case "-words" -> options.withWords(false);
                case "-bigrams" -> options.withBigrams(false);
                case "-stopwords" -> options.withStopWords(false);
                case "-synonyms" -> options.withSynonyms(false);
                default -> throw new ParameterException(spec.commandLine(), "--analysis: unknown switch " + s);
            };
        }
        return options;
    }

    private SynonymTable readSynonyms(AnalysisOptions options) {
        if (!options.synonyms()) {
            return SynonymTable.empty();
        }
        if (!Files.isRegularFile(synonymsFile)) {
            throw new ParameterException(spec.commandLine(), "synonym file not found: " + synonymsFile);
        }
        try {
            return SynonymTable.load(synonymsFile, ChineseAnalyzer::fold);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private List<Topic> readTopics() {
        List<Topic> topics = new ArrayList<>();
        int line = 0;
        for (JsonNode t : readJsonl(topicsFile)) {
            line++;
            try {
                Topic.Level level = "town".equals(text(t, "level")) ? Topic.Level.TOWN : Topic.Level.VILLAGE;
                topics.add(new Topic(
                        text(t, "id"),
                        text(t, "town"),
                        text(t, "village"),
                        level,
                        text(t, "title"),
                        text(t, "text"),
                        Topic.Status.RECEIVED));
            } catch (RuntimeException e) {
                throw new ParameterException(spec.commandLine(), topicsFile + ":" + line + ": " + e.getMessage(), e);
            }
        }
        return topics;
    }

    private List<JsonNode> readJsonl(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "file not found: " + file);
        }
        List<JsonNode> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try {
                    out.add(json.readTree(lines.get(i)));
                } catch (IOException e) {
                    throw new ParameterException(
                            spec.commandLine(), file + ":" + (i + 1) + ": not JSON: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
