package cn.shangliang.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.ConfigLoader;
import cn.shangliang.testing.SampleUnderstanding;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Telegram's standard commands reach the dialogue as text; the NLU data maps them to greet and help. */
class TelegramCommandsTest {

    private static IntentClassifier classifier;

    @BeforeAll
    static void train() {
        AppConfig config = new ConfigLoader(Map.of()).load(Path.of("config/shangliang.yaml"));
        classifier = SampleUnderstanding.classifier(config);
    }

    @Test
    void start_isGreet_notRestart() {
        assertThat(classifier.classify("/start").intent()).isEqualTo("greet");
        assertThat(classifier.classify("restart").intent()).isEqualTo("cancel");
    }

    @Test
    void help_isHelp() {
        assertThat(classifier.classify("/help").intent()).isEqualTo("help");
    }
}
