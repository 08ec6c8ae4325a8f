package cn.shangliang.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reply catalogue, {@code intents/responses.yml} in Rasa's {@code responses:} style: {@code utter_…} keys with
 * variants, a {@code language} slot condition for English, and {@code {slot}} placeholders.
 */
public final class Responses {

    public static final String DEFAULT_LANGUAGE = "zh";
    private static final Pattern SLOT = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, Map<String, List<String>>> byKeyAndLanguage;
    private final RandomGenerator random;

    private Responses(Map<String, Map<String, List<String>>> byKeyAndLanguage, RandomGenerator random) {
        this.byKeyAndLanguage = byKeyAndLanguage;
        this.random = random;
    }

    /** Loads the catalogue from a file, naming the file and the key of any error. */
    public static Responses load(Path file, RandomGenerator random) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), random);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static Responses parse(InputStream in, String source, RandomGenerator random) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        JsonNode responses = root == null ? null : root.get("responses");
        if (responses == null || !responses.isObject()) {
            throw new IllegalArgumentException(source + ": no 'responses:' mapping");
        }
        Map<String, Map<String, List<String>>> catalogue = new HashMap<>();
        for (var field : responses.properties()) {
            String key = field.getKey();
            if (!field.getValue().isArray() || field.getValue().isEmpty()) {
                throw new IllegalArgumentException(source + ": responses." + key + ": must be a list of variants");
            }
            Map<String, List<String>> byLanguage = new HashMap<>();
            for (JsonNode variant : field.getValue()) {
                JsonNode text = variant.get("text");
                if (text == null || !text.isTextual() || text.asText().isBlank()) {
                    throw new IllegalArgumentException(source + ": responses." + key + ": a variant has no text");
                }
                byLanguage
                        .computeIfAbsent(language(variant), l -> new ArrayList<>())
                        .add(text.asText());
            }
            if (!byLanguage.containsKey(DEFAULT_LANGUAGE)) {
                throw new IllegalArgumentException(
                        source + ": responses." + key + ": needs a variant without condition (Chinese)");
            }
            catalogue.put(key, byLanguage);
        }
        return new Responses(catalogue, random);
    }

    private static String language(JsonNode variant) {
        for (JsonNode condition : variant.path("condition")) {
            if ("language".equals(condition.path("name").asText())) {
                return condition.path("value").asText(DEFAULT_LANGUAGE);
            }
        }
        return DEFAULT_LANGUAGE;
    }

    /** A variant of {@code key} in {@code language} (falling back to Chinese), with slots filled. */
    public String render(String key, String language, Map<String, String> slots) {
        Map<String, List<String>> byLanguage = byKeyAndLanguage.get(key);
        if (byLanguage == null) {
            throw new IllegalArgumentException("no response " + key + " in the catalogue");
        }
        List<String> variants = byLanguage.getOrDefault(language, byLanguage.get(DEFAULT_LANGUAGE));
        String text = variants.get(variants.size() == 1 ? 0 : random.nextInt(variants.size()));
        return fill(text, slots);
    }

    /**
     * As {@link #render}, where a slot value that is itself a catalogue key ({@code status_closed}, a refusal reason
     * {@code reason_…}) is rendered first in the same language, its own placeholders filled from the same slots.
     */
    public String renderNested(String key, String language, Map<String, String> slots) {
        Map<String, String> leaves = new HashMap<>(slots);
        leaves.replaceAll((k, v) -> v != null && has(v) ? render(v, language, Map.of()) : v);
        Map<String, String> filled = new HashMap<>(leaves);
        slots.forEach((k, v) -> {
            if (v != null && has(v)) {
                filled.put(k, fill(leaves.get(k), leaves));
            }
        });
        return render(key, language, filled);
    }

    private static String fill(String text, Map<String, String> slots) {
        Matcher m = SLOT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(slots.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    public boolean has(String key) {
        return byKeyAndLanguage.containsKey(key);
    }
}
