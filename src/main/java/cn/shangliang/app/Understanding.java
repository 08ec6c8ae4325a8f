package cn.shangliang.app;

import cn.shangliang.consultation.Category;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Router;
import cn.shangliang.dialogue.IntentClassifier;
import cn.shangliang.dialogue.nlu.Example;
import cn.shangliang.dialogue.nlu.NluData;
import cn.shangliang.dialogue.nlu.NluFormatException;
import cn.shangliang.dialogue.nlu.RasaNluLoader;
import cn.shangliang.matching.ChineseAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the bot's language understanding from {@code intents/}: the intent classifier (everything but {@code
 * intents/routing/}) and the tiered-consultation router (the examples in {@code intents/routing/}, one Rasa {@code -
 * intent:} per routing category). Shared by the server and the eval commands.
 */
final class Understanding {

    private Understanding() {}

    /** The training data, with lookup tables of the configured town and village names. */
    static NluData nluData(AppConfig config) {
        Regions regions = config.regionsModel();
        return rawNluData(config).withLookup("town", regions.townNames()).withLookup("village", regions.villageNames());
    }

    private static NluData rawNluData(AppConfig config) {
        try {
            return RasaNluLoader.loadDirectory(intentsDir(config)); // all but intents/routing
        } catch (NluFormatException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static Path intentsDir(AppConfig config) {
        Path dir = config.intentsPath();
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir + ": intents directory not found (key intents_dir)");
        }
        return dir;
    }

    /** The classifier, using the matcher's Chinese analysis for normalisation and words. */
    static IntentClassifier classifier(AppConfig config, ChineseAnalyzer analyzer) {
        return IntentClassifier.train(
                nluData(config), ChineseAnalyzer::fold, text -> analyzer.terms(ChineseAnalyzer.WORDS, text));
    }

    static IntentClassifier classifier(AppConfig config) {
        return classifier(config, Application.analyzer(config));
    }

    /**
     * The router of the configured categories, trained on their keywords and the examples under {@code
     * intents/routing/} (none there: keywords only). An example of a category that {@code routing:} does not list is
     * a configuration error naming its file and line; without a {@code routing:} section the examples are not read.
     * Texts are folded and their place names replaced by the kind of place ({@link Regions#withPlaceKinds}).
     */
    public static Router router(AppConfig config) {
        List<Category> categories = config.categories();
        Map<String, List<String>> examples = routingExamples(config, categories);
        Regions regions = config.regionsModel();
        return new Router(
                categories, examples, text -> regions.withPlaceKinds(ChineseAnalyzer.fold(text)), config.thresholds());
    }

    /** Category name → example texts, from {@code intents/routing/}. */
    static Map<String, List<String>> routingExamples(AppConfig config, List<Category> categories) {
        Path dir = intentsDir(config).resolve(RasaNluLoader.ROUTING_DIR);
        if (categories.isEmpty() || !Files.isDirectory(dir)) {
            return Map.of(); // no routing: section, no routing (everything village level, flagged)
        }
        NluData data;
        try {
            data = RasaNluLoader.loadDirectory(dir);
        } catch (NluFormatException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        Set<String> known = categories.stream().map(Category::name).collect(Collectors.toSet());
        Map<String, List<String>> examples = new LinkedHashMap<>();
        for (Example e : data.examples()) {
            if (!known.contains(e.intent())) {
                throw new ConfigException(e.source() + ": routing category '" + e.intent()
                        + "' is not listed under routing: in the configuration (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
            examples.computeIfAbsent(e.intent(), k -> new ArrayList<>()).add(e.text());
        }
        return examples;
    }
}
