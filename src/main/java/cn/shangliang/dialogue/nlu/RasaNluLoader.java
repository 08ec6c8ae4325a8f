package cn.shangliang.dialogue.nlu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads training data written for Rasa 3 ({@code version}, {@code nlu:} with {@code - intent:} / {@code examples: |},
 * {@code synonym:}, {@code regex:}, {@code lookup:}; entity annotations {@code [text](entity)},
 * {@code [text](entity:value)} and {@code [text]{"entity": "…", "value": "…"}}). Files other than NLU data (for
 * example {@code responses.yml}) are skipped. Every error names the file and line.
 */
public final class RasaNluLoader {

    private static final Pattern ANNOTATION =
            Pattern.compile("\\[([^\\[\\]]+)]\\(([^()]+)\\)|\\[([^\\[\\]]+)](\\{[^{}]*})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Example> examples = new ArrayList<>();
    private final Map<String, String> synonyms = new LinkedHashMap<>();
    private final Map<String, List<Pattern>> regexes = new LinkedHashMap<>();
    private final Map<String, List<String>> lookups = new LinkedHashMap<>();

    /**
     * The sub-directory of the intents directory that holds the routing categories' examples (tiered consultation),
     * not intents: {@link #loadDirectory(Path)} leaves it out; load it on its own.
     */
    public static final String ROUTING_DIR = "routing";

    /**
     * Loads every {@code .yml}/{@code .yaml} file under {@code dir} (recursively, in name order) except those under
     * {@code dir/}{@value #ROUTING_DIR}. Symbolic links are followed, {@code dir} itself included (an
     * {@code intents/} linked from elsewhere is a common deployment).
     */
    public static NluData loadDirectory(Path dir) {
        Path routing = dir.resolve(ROUTING_DIR);
        return loadDirectory(dir, file -> !file.startsWith(routing));
    }

    /** Loads the {@code .yml}/{@code .yaml} files under {@code dir} that {@code include} accepts (in name order). */
    public static NluData loadDirectory(Path dir, java.util.function.Predicate<Path> include) {
        RasaNluLoader loader = new RasaNluLoader();
        try (Stream<Path> files = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path file :
                    files.filter(RasaNluLoader::isYaml).filter(include).sorted().toList()) {
                loader.add(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new NluFormatException(dir + ": cannot read: " + e.getMessage(), e);
        }
        return loader.data();
    }

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".yml") || name.endsWith(".yaml"));
    }

    /** Adds one file's content; {@code source} names it in messages. */
    public RasaNluLoader add(String source, String yaml) {
        Node root;
        try (Reader reader = new StringReader(yaml)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new NluFormatException(source + ":" + line + ": not valid YAML: " + e.getProblem(), e);
        } catch (IOException | RuntimeException e) {
            throw new NluFormatException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof MappingNode mapping)) {
            return this; // empty file
        }
        Node nlu = value(mapping, "nlu");
        if (nlu == null) {
            return this; // not NLU data (e.g. responses)
        }
        if (!(nlu instanceof SequenceNode items)) {
            throw error(source, nlu, "'nlu:' must be a list of items");
        }
        for (Node item : items.getValue()) {
            addItem(source, item);
        }
        return this;
    }

    private void addItem(String source, Node item) {
        if (!(item instanceof MappingNode map)) {
            throw error(source, item, "each 'nlu:' item must be a mapping (- intent: … / examples: |)");
        }
        Node examplesNode = value(map, "examples");
        if (!(examplesNode instanceof ScalarNode block)) {
            throw error(source, item, "item has no 'examples:' block");
        }
        String kind = null;
        String name = null;
        for (String k : List.of("intent", "synonym", "regex", "lookup")) {
            Node n = value(map, k);
            if (n != null) {
                if (!(n instanceof ScalarNode s) || s.getValue().isBlank()) {
                    throw error(source, n, "'" + k + ":' needs a name");
                }
                kind = k;
                name = s.getValue().strip();
            }
        }
        if (kind == null) {
            throw error(source, item, "item needs one of intent:, synonym:, regex:, lookup:");
        }
        int firstLine = block.getStartMark().getLine() + (block.getScalarStyle().getChar() == null ? 1 : 2);
        List<String> lines = block.getValue().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (firstLine + i);
            if (!line.startsWith("- ") && !line.equals("-")) {
                throw new NluFormatException(where + ": each example must start with '- '");
            }
            String text = line.substring(1).strip();
            if (text.isEmpty()) {
                throw new NluFormatException(where + ": empty example");
            }
            addEntry(kind, name, text, where);
        }
    }

    private void addEntry(String kind, String name, String text, String where) {
        switch (kind) {
            case "intent" -> examples.add(parseExample(name, text, where));
            case "synonym" -> synonyms.put(text, name);
            case "regex" -> {
                try {
                    regexes.computeIfAbsent(name, k -> new ArrayList<>()).add(Pattern.compile(text));
                } catch (PatternSyntaxException e) {
                    throw new NluFormatException(where + ": bad regular expression: " + e.getDescription(), e);
                }
            }
            case "lookup" ->
                lookups.computeIfAbsent(name, k -> new ArrayList<>()).add(text);
            default -> throw new IllegalStateException(kind);
        }
    }

    /** Removes annotations from an example, keeping their spans. */
    static Example parseExample(String intent, String raw, String where) {
        StringBuilder text = new StringBuilder();
        List<EntitySpan> spans = new ArrayList<>();
        Matcher m = ANNOTATION.matcher(raw);
        int last = 0;
        while (m.find()) {
            text.append(raw, last, m.start());
            String surface = m.group(1) != null ? m.group(1) : m.group(3);
            String entity;
            String value;
            if (m.group(2) != null) {
                String[] parts = m.group(2).split(":", 2);
                entity = parts[0].strip();
                value = parts.length > 1 ? parts[1].strip() : surface;
            } else {
                JsonNode json = parseJson(m.group(4), where);
                entity = json.path("entity").asText("");
                value = json.path("value").asText(surface);
            }
            if (entity.isEmpty()) {
                throw new NluFormatException(where + ": annotation [" + surface + "] names no entity");
            }
            int start = text.length();
            text.append(surface);
            spans.add(new EntitySpan(entity, start, text.length(), value));
            last = m.end();
        }
        text.append(raw.substring(last));
        String plain = text.toString();
        if (plain.indexOf('[') >= 0 && plain.indexOf(']') > plain.indexOf('[') && plain.contains("](")) {
            throw new NluFormatException(where + ": unbalanced entity annotation in '" + raw + "'");
        }
        return new Example(intent, plain, spans, where);
    }

    private static JsonNode parseJson(String json, String where) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new NluFormatException(where + ": entity annotation is not valid JSON: " + json, e);
        }
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static NluFormatException error(String source, Node node, String problem) {
        return new NluFormatException(source + ":" + (node.getStartMark().getLine() + 1) + ": " + problem);
    }

    public NluData data() {
        return new NluData(examples, synonyms, regexes, lookups);
    }
}
