package cn.shangliang.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.ConfigLoader;
import cn.shangliang.channel.Inbound;
import cn.shangliang.matching.Concern;
import cn.shangliang.matching.MatchResult;
import cn.shangliang.matching.TopicMatcher;
import cn.shangliang.testing.SampleUnderstanding;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hook of {@link ProgressTableRequests} in {@link Dialogue#step}: asked first, otherwise out of the way. */
class ProgressTableHookTest {

    private static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Asia/Shanghai"));
    private static IntentClassifier classifier;
    private static Responses responses;
    private static AppConfig config;

    @BeforeAll
    static void train() {
        config = new ConfigLoader(Map.of()).load(Path.of("config/shangliang.yaml"));
        classifier = SampleUnderstanding.classifier(config);
        responses = SampleUnderstanding.responses();
    }

    private static Dialogue dialogue(ProgressTableRequests tables) {
        TopicMatcher matcher = new TopicMatcher() {
            @Override
            public MatchResult match(Concern concern) {
                return new MatchResult.NoMatch(List.of());
            }

            @Override
            public boolean isReady() {
                return true;
            }
        };
        return new Dialogue(
                classifier,
                responses,
                config.regionsModel(),
                matcher,
                new InMemoryDesk(config, CLOCK),
                r -> Role.RESIDENT,
                Commands.none(),
                new RatingWords(Map.of()),
                RoomSchedules.none(responses, CLOCK),
                r -> Optional.empty(),
                CLOCK,
                0.35,
                tables,
                PersonalDataEraser.none());
    }

    private static Inbound message(String id, String text) {
        return new Inbound("wecom", id, "leadership-office", "", text, NOW, Map.of());
    }

    private static final ProgressTableRequests TABLES = (who, text, language) -> text.contains("推进表")
            ? Optional.of(List.of("table for " + who.userId() + " in " + language))
            : Optional.empty();

    @Test
    void step_requestForTheTable_isAnsweredByThePort_andRemembered() {
        Turn turn = dialogue(TABLES).step(message("m1", "本周推进表"), Session.fresh());

        assertThat(turn.replies()).containsExactly("table for leadership-office in zh");
        assertThat(turn.session().lastKey()).isEqualTo(message("m1", "本周推进表").key());
    }

    @Test
    void step_otherMessages_goToTheConversationAsBefore() {
        Turn withPort = dialogue(TABLES).step(message("m2", "你好"), Session.fresh());
        Turn without = dialogue(ProgressTableRequests.none()).step(message("m2", "你好"), Session.fresh());

        assertThat(withPort.replies()).isEqualTo(without.replies()).isNotEmpty();
    }
}
