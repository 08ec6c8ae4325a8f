package cn.shangliang.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.ConfigLoader;
import cn.shangliang.channel.Inbound;
import cn.shangliang.consultation.ConcernDesk;
import cn.shangliang.consultation.IssueRecord;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Topic;
import cn.shangliang.matching.Concern;
import cn.shangliang.matching.MatchResult;
import cn.shangliang.matching.TopicMatcher;
import cn.shangliang.testing.SampleUnderstanding;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tiered consultation in the conversation: a resident who gave only a town and raises a clearly village matter is
 * asked which village, not silently filed with the town; without an answer the issue stays at the town, flagged.
 */
class VillageQuestionTest {

    private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Asia/Shanghai"));
    private static IntentClassifier classifier;
    private static Responses responses;
    private static AppConfig config;

    private final Map<String, Session> sessions = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private InMemoryDesk desk;
    private Dialogue dialogue;

    @BeforeAll
    static void train() {
        config = new ConfigLoader(Map.of()).load(Path.of("config/shangliang.yaml"));
        classifier = SampleUnderstanding.classifier(config);
        responses = SampleUnderstanding.responses();
    }

    @BeforeEach
    void setUp() {
        desk = new InMemoryDesk(config, CLOCK);
        TopicMatcher noMatch = new TopicMatcher() {
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
                noMatch,
                desk,
                r -> Role.RESIDENT,
                Commands.none(),
                new RatingWords(Map.of(ConcernDesk.Rating.SATISFIED, List.of("满意"))),
                RoomSchedules.none(responses, CLOCK),
                r -> Optional.empty(),
                CLOCK,
                0.35);
    }

    /** Sends one message as {@code user} from the room QR code of {@code place}; returns the replies. */
    private String say(String user, String text, String place) {
        Inbound message = new Inbound("test", "m" + ids.incrementAndGet(), user, "", text, NOW, Map.of("place", place));
        Turn turn = dialogue.step(message, sessions.getOrDefault(user, Session.fresh()));
        sessions.put(user, turn.session());
        return String.join("\n", turn.replies());
    }

    private IssueRecord filed() {
        return desk.record("QY-20261126-0001").orElseThrow();
    }

    @Test
    void townOnly_villageMatter_asksTheVillage_thenFilesThere() {
        String asked = say("ann", "楼下的路灯坏了一个礼拜，晚上黑乎乎的", "青阳镇");
        assertThat(asked).isEqualTo(responses.render("utter_ask_village", "zh", Map.of("town", "青阳镇")));
        assertThat(sessions.get("ann").pending()).isInstanceOf(Pending.AskVillage.class);

        assertThat(say("ann", "里庄村", "青阳镇")).contains("青阳镇/里庄村");
        say("ann", "确认", "青阳镇");

        assertThat(filed().place()).isEqualTo(new Place("青阳镇", "里庄村"));
        assertThat(filed().level()).isEqualTo(Topic.Level.VILLAGE);
        assertThat(filed().needsReview()).isFalse();
        assertThat(sessions.get("ann").place()).isEqualTo("青阳镇/里庄村");
    }

    @Test
    void villageAnsweredWithoutItsSuffix_isUnderstood() {
        say("gil", "我们楼道的灯坏了好久，晚上上楼看不见", "青阳镇");

        assertThat(say("gil", "塘头", "青阳镇")).contains("青阳镇/塘头村");
    }

    @Test
    void townOnly_villageMatter_withoutAVillage_staysAtTheTown_flaggedForReview() {
        say("ben", "小区里垃圾好几天没人清运，臭得不行", "青阳镇");

        assertThat(say("ben", "不知道", "青阳镇")).contains("青阳镇").doesNotContain("/");
        say("ben", "确认", "青阳镇");

        assertThat(filed().place()).isEqualTo(Place.town("青阳镇"));
        assertThat(filed().level()).isEqualTo(Topic.Level.TOWN);
        assertThat(filed().needsReview()).isTrue();
    }

    @Test
    void townOnly_townMatter_isNotAskedTheVillage() {
        String reply = say("cai", "镇上的小厂订单越来越少，工人工资都快发不出来了", "青阳镇");

        assertThat(reply).contains("青阳镇").doesNotContain("哪个村");
        say("cai", "确认", "青阳镇");
        assertThat(filed().level()).isEqualTo(Topic.Level.TOWN);
        assertThat(filed().needsReview()).isFalse();
    }

    @Test
    void villageOfAnotherTown_isNoAnswer_theMatterStaysAtTheResidentsTown() {
        say("dai", "门口的路灯坏了，晚上看不见路", "青阳镇");

        assertThat(say("dai", "石庄村", "青阳镇")).contains("青阳镇").doesNotContain("石庄村");
        say("dai", "确认", "青阳镇");
        assertThat(filed().place()).isEqualTo(Place.town("青阳镇"));
        assertThat(filed().needsReview()).isTrue();
    }

    @Test
    void villageQuestion_cancel_filesNothing() {
        say("eve", "村里的河道里全是垃圾", "青阳镇");

        assertThat(say("eve", "取消", "青阳镇")).isEqualTo(responses.render("utter_cancelled", "zh", Map.of()));
        assertThat(desk.filings()).isZero();
    }

    @Test
    void residentWithAVillage_isNeverAskedAgain() {
        assertThat(say("fay", "楼下的路灯坏了一个礼拜", "青阳镇/里庄村")).contains("青阳镇/里庄村");
        assertThat(sessions.get("fay").pending()).isInstanceOf(Pending.AskConfirm.class);
    }
}
