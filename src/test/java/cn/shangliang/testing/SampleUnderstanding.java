package cn.shangliang.testing;

import cn.shangliang.app.AppConfig;
import cn.shangliang.dialogue.IntentClassifier;
import cn.shangliang.dialogue.Responses;
import cn.shangliang.dialogue.nlu.RasaNluLoader;
import cn.shangliang.matching.ChineseAnalyzer;
import java.nio.file.Path;
import java.util.Random;

/**
 * The classifier and the replies of the repository's {@code intents/}, as the dialogue tests use them: trained on the
 * intents with the configured towns and villages as lookups, words from the configured synonyms.
 */
public final class SampleUnderstanding {

    private SampleUnderstanding() {}

    public static IntentClassifier classifier(AppConfig config) {
        ChineseAnalyzer analyzer = ChineseAnalyzer.withSynonymFile(Path.of(config.synonymsFile()));
        var regions = config.regionsModel();
        var data = RasaNluLoader.loadDirectory(Path.of("intents"))
                .withLookup("town", regions.townNames())
                .withLookup("village", regions.villageNames());
        return IntentClassifier.train(data, ChineseAnalyzer::fold, text -> analyzer.terms(ChineseAnalyzer.WORDS, text));
    }

    /** The catalogue with a fixed choice among variants. */
    public static Responses responses() {
        return Responses.load(Path.of("intents/responses.yml"), new Random(1));
    }
}
