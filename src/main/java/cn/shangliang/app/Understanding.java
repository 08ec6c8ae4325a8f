package cn.shangliang.app;

import cn.shangliang.dialogue.IntentClassifier;
import cn.shangliang.dialogue.nlu.NluData;
import cn.shangliang.dialogue.nlu.NluFormatException;
import cn.shangliang.dialogue.nlu.RasaNluLoader;
import com.ibm.icu.text.Transliterator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds the bot's language understanding from {@code intents/}; shared by the server and eval-intents. */
final class Understanding {

    private Understanding() {}

    static NluData nluData(AppConfig config) {
        Path dir = Path.of(config.intentsDir());
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir + ": intents directory not found (key intents_dir)");
        }
        try {
            return RasaNluLoader.loadDirectory(dir);
        } catch (NluFormatException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    static IntentClassifier classifier(AppConfig config) {
        Transliterator fold = Transliterator.getInstance("Traditional-Simplified; Fullwidth-Halfwidth; Lower");
        return IntentClassifier.train(nluData(config), text -> fold.transliterate(text), text -> List.of());
    }
}
