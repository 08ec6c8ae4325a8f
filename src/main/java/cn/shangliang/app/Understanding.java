package cn.shangliang.app;

import cn.shangliang.consultation.Regions;
import cn.shangliang.dialogue.IntentClassifier;
import cn.shangliang.dialogue.nlu.NluData;
import cn.shangliang.dialogue.nlu.NluFormatException;
import cn.shangliang.dialogue.nlu.RasaNluLoader;
import cn.shangliang.matching.ChineseAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the bot's language understanding from {@code intents/}; shared by the server and eval-intents. */
final class Understanding {

    private Understanding() {}

    /** The training data, with lookup tables of the configured town and village names. */
    static NluData nluData(AppConfig config) {
        Regions regions = config.regionsModel();
        return rawNluData(config).withLookup("town", regions.townNames()).withLookup("village", regions.villageNames());
    }

    private static NluData rawNluData(AppConfig config) {
        Path dir = config.intentsPath();
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir + ": intents directory not found (key intents_dir)");
        }
        try {
            return RasaNluLoader.loadDirectory(dir);
        } catch (NluFormatException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** The classifier, using the matcher's Chinese analysis for normalisation and words. */
    static IntentClassifier classifier(AppConfig config, ChineseAnalyzer analyzer) {
        return IntentClassifier.train(
                nluData(config), ChineseAnalyzer::fold, text -> analyzer.terms(ChineseAnalyzer.WORDS, text));
    }

    static IntentClassifier classifier(AppConfig config) {
        return classifier(config, Application.analyzer(config));
    }
}
