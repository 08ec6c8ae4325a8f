package cn.shangliang.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.ConfigLoader;
import cn.shangliang.channel.Inbound;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.matching.Concern;
import cn.shangliang.matching.MatchResult;
import cn.shangliang.matching.TopicMatcher;
import cn.shangliang.testing.SampleUnderstanding;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "删除我的信息": the deletion conversation with the real classifier and replies, and an eraser that records. */
class DataDeletionConversationTest {

    private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Asia/Shanghai"));
    private static IntentClassifier classifier;
    private static Responses responses;
    private static AppConfig config;

    private final Map<String, Session> sessions = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Reporter> erased = new ArrayList<>();
    private Dialogue dialogue;

    @BeforeAll
    static void train() {
        config = new ConfigLoader(Map.of()).load(Path.of("config/shangliang.yaml"));
        classifier = SampleUnderstanding.classifier(config);
        responses = SampleUnderstanding.responses();
    }

    @BeforeEach
    void setUp() {
        PersonalDataEraser eraser = new PersonalDataEraser() {
            @Override
            public int issuesNaming(Reporter person) {
                return erased.contains(person) ? 0 : 2;
            }

            @Override
            public int erase(Reporter person) {
                erased.add(person);
                return 2;
            }
        };
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
        dialogue = new Dialogue(
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
                ProgressTableRequests.none(),
                eraser);
    }

    private String say(String user, String text) {
        Inbound message = new Inbound("test", "m" + ids.incrementAndGet(), user, "", text, NOW, Map.of());
        Turn turn = dialogue.step(message, sessions.getOrDefault(user, Session.fresh()));
        sessions.put(user, turn.session());
        return String.join("\n", turn.replies());
    }

    private static String render(String key, String language, Map<String, String> slots) {
        return responses.render(key, language, slots);
    }

    @Test
    void deleteMyData_asksFirst_thenErasesOnConfirm_andSaysWhatWasKept() {
        sessions.put("amy", Session.fresh().withPlace("青阳镇/里庄村"));

        String question = say("amy", "删除我的信息");

        assertThat(question).isEqualTo(render("utter_delete_confirm", "zh", Map.of("issues", "2")));
        assertThat(erased).isEmpty();

        String done = say("amy", "确认");

        assertThat(done).isEqualTo(render("utter_delete_done", "zh", Map.of("issues", "2")));
        assertThat(done).contains("匿名").doesNotContain("{");
        assertThat(erased).containsExactly(new Reporter("test", "amy"));
        assertThat(sessions.get("amy").place())
                .as("nothing of the person is kept in the session")
                .isEmpty();
        assertThat(sessions.get("amy").pending()).isEqualTo(new Pending.None());
    }

    @Test
    void deleteMyData_cancelled_erasesNothing() {
        say("bo", "请删除我的个人数据");

        assertThat(say("bo", "取消")).isEqualTo(render("utter_delete_kept", "zh", Map.of()));
        assertThat(erased).isEmpty();
        assertThat(sessions.get("bo").pending()).isEqualTo(new Pending.None());
    }

    @Test
    void deleteMyData_unclearAnswer_asksAgain_withoutErasing() {
        say("cy", "把我的信息删掉");

        assertThat(say("cy", "嗯嗯")).isEqualTo(render("utter_delete_again", "zh", Map.of()));
        assertThat(erased).isEmpty();
    }

    @Test
    void deleteMyData_inEnglish_isAnsweredInEnglish() {
        assertThat(say("dee", "please delete my personal data"))
                .isEqualTo(render("utter_delete_confirm", "en", Map.of("issues", "2")));
        assertThat(say("dee", "yes")).isEqualTo(render("utter_delete_done", "en", Map.of("issues", "2")));
        assertThat(erased).hasSize(1);
    }
}
