package cn.shangliang.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.ConfigLoader;
import cn.shangliang.channel.Inbound;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Topic;
import cn.shangliang.matching.Candidate;
import cn.shangliang.matching.Concern;
import cn.shangliang.matching.MatchResult;
import cn.shangliang.matching.TopicMatcher;
import cn.shangliang.testing.SampleUnderstanding;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conversation scripts run in-process: a message in, the replies out, with the real classifier trained from
 * {@code intents/}, the real replies of {@code intents/responses.yml} and the configured regions.
 */
class ConversationTest {

    private static final RatingWords RATINGS = new RatingWords(Map.of(
            cn.shangliang.consultation.ConcernDesk.Rating.SATISFIED, List.of("满意"),
            cn.shangliang.consultation.ConcernDesk.Rating.BASICALLY_SATISFIED, List.of("基本满意"),
            cn.shangliang.consultation.ConcernDesk.Rating.UNSATISFIED, List.of("不满意")));
    private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    private static final java.time.Clock CLOCK = java.time.Clock.fixed(NOW, java.time.ZoneId.of("Asia/Shanghai"));
    private static IntentClassifier classifier;
    private static Responses responses;
    private static AppConfig config;

    private final Map<String, Session> sessions = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private InMemoryDesk desk;
    private Function<Concern, MatchResult> matches;
    private Dialogue dialogue;
    private TopicMatcher matcher;

    @BeforeAll
    static void train() {
        config = new ConfigLoader(Map.of()).load(Path.of("config/shangliang.yaml"));
        classifier = SampleUnderstanding.classifier(config);
        responses = SampleUnderstanding.responses();
    }

    @BeforeEach
    void setUp() {
        desk = new InMemoryDesk(config, CLOCK);
        matches = concern -> new MatchResult.NoMatch(List.of());
        matcher = new TopicMatcher() {
            @Override
            public MatchResult match(Concern concern) {
                return matches.apply(concern);
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
                desk,
                r -> Role.RESIDENT,
                Commands.none(),
                RATINGS,
                RoomSchedules.none(responses, CLOCK),
                r -> Optional.empty(),
                CLOCK,
                0.35);
    }

    private Inbound inbound(String user, String text, Map<String, String> attributes) {
        return new Inbound("test", "m" + ids.incrementAndGet(), user, "", text, NOW, attributes);
    }

    /** Sends one message as {@code user}; returns the replies joined by newlines. */
    private String say(String user, String text) {
        return say(inbound(user, text, Map.of()));
    }

    private String say(Inbound message) {
        Session session = sessions.getOrDefault(message.userId(), Session.fresh());
        Turn turn = dialogue.step(message, session);
        sessions.put(message.userId(), turn.session());
        return String.join("\n", turn.replies());
    }

    private String reply(String key) {
        return responses.render(key, "zh", Map.of());
    }

    private static Candidate candidate(String number, String title) {
        return new Candidate(
                new Topic(number, "青阳镇", "里庄村", Topic.Level.VILLAGE, title, title, Topic.Status.ACCEPTED),
                0.6,
                List.of());
    }

    @Test
    void greeting_isGreetedBack() {
        assertThat(say("amy", "你好")).isEqualTo(reply("utter_greet"));
    }

    @Test
    void concernWithoutPlace_asksPlace_thenConfirms_filesOnce_andRemembersPlace() {
        assertThat(say("bo", "村口的路灯坏了好几天了，晚上很黑")).isEqualTo(reply("utter_ask_place"));

        String confirm = say("bo", "青阳镇里庄村");
        assertThat(confirm).contains("青阳镇/里庄村").contains("村口的路灯坏了");
        assertThat(desk.filings()).isZero();

        String filed = say("bo", "确认");
        assertThat(filed).contains("QY-20261126-0001");
        assertThat(desk.filings()).isEqualTo(1);
        assertThat(desk.find("QY-20261126-0001").orElseThrow().place()).isEqualTo(new Place("青阳镇", "里庄村"));

        // the place is remembered: the next concern goes straight to confirmation
        String next = say("bo", "小区门口的垃圾桶满了没人清理");
        assertThat(next).contains("青阳镇/里庄村").doesNotContain(reply("utter_ask_place"));
    }

    @Test
    void placeFromTheWebChatLink_isUsedWithoutAsking() {
        String answer = say(inbound("cy", "河边的护栏断了很危险", Map.of("place", "璜土镇/石庄村")));
        assertThat(answer).contains("璜土镇/石庄村");
    }

    @Test
    void duplicatesOffered_choosingTwo_makesTheResidentASupporter() {
        desk.add("QY-20261120-0003", "里庄村路灯不亮", new Place("青阳镇", "里庄村"));
        desk.add("QY-20261121-0007", "里庄村东头路灯坏了", new Place("青阳镇", "里庄村"));
        matches = concern -> new MatchResult.Ambiguous(
                List.of(candidate("QY-20261120-0003", "里庄村路灯不亮"), candidate("QY-20261121-0007", "里庄村东头路灯坏了")));

        String offer = say(inbound("dan", "东头那几盏路灯晚上都不亮", Map.of("place", "青阳镇/里庄村")));
        assertThat(offer).contains("1. 里庄村路灯不亮").contains("2. 里庄村东头路灯坏了");

        String joined = say("dan", "2");
        assertThat(joined).contains("QY-20261121-0007").contains("附议");
        assertThat(desk.supporters().get("QY-20261121-0007")).hasSize(1);
        assertThat(desk.filings()).isZero();
    }

    @Test
    void duplicatesOffered_noneOfThese_asksToFileInstead() {
        desk.add("QY-20261120-0003", "里庄村路灯不亮", new Place("青阳镇", "里庄村"));
        matches = concern -> new MatchResult.Ambiguous(List.of(candidate("QY-20261120-0003", "里庄村路灯不亮")));
        say(inbound("eve", "路边的灯杆被车撞歪了", Map.of("place", "青阳镇/里庄村")));

        String answer = say("eve", "都不是");

        assertThat(answer).contains("确认");
        assertThat(say("eve", "确认")).contains("QY-20261126-0001");
        assertThat(desk.supporters()).isEmpty();
    }

    @Test
    void confidentMatch_joinsWithoutAsking() {
        desk.add("QY-20261120-0003", "里庄村路灯不亮", new Place("青阳镇", "里庄村"));
        matches = concern -> new MatchResult.Confident(
                candidate("QY-20261120-0003", "里庄村路灯不亮"), List.of(candidate("QY-20261120-0003", "里庄村路灯不亮")));

        String answer = say(inbound("fay", "里庄村的路灯一直不亮", Map.of("place", "青阳镇/里庄村")));

        assertThat(answer).contains("QY-20261120-0003").contains("附议");
        assertThat(desk.filings()).isZero();
    }

    @Test
    void cancelMidway_leavesTheQuestion_andFilesNothing() {
        say(inbound("gus", "桥上的栏杆松了", Map.of("place", "青阳镇/里庄村")));

        assertThat(say("gus", "取消")).isEqualTo(reply("utter_cancelled"));
        assertThat(sessions.get("gus").pending()).isEqualTo(new Pending.None());
        assertThat(say("gus", "确认")).isEqualTo(reply("utter_nothing_pending"));
        assertThat(desk.filings()).isZero();
    }

    @Test
    void thanksOrOk_isNeverFiled() {
        assertThat(say("hal", "谢谢")).isEqualTo(reply("utter_thanks"));
        assertThat(say("hal", "好的")).isEqualTo(reply("utter_nothing_pending"));
        assertThat(desk.filings()).isZero();
        assertThat(sessions.get("hal").pending()).isEqualTo(new Pending.None());
    }

    @Test
    void unrelatedMessageWhilePending_isHandled_andTheQuestionDroppedPolitely() {
        say("ivy", "小区里的路灯坏了");
        assertThat(sessions.get("ivy").pending()).isInstanceOf(Pending.AskPlace.class);

        String answer = say("ivy", "谢谢你们");

        assertThat(answer).startsWith(reply("utter_question_dropped")).endsWith(reply("utter_thanks"));
        assertThat(sessions.get("ivy").pending()).isEqualTo(new Pending.None());
    }

    @Test
    void unknownPlace_isAskedAgain() {
        say("jay", "村里的水管爆了");

        assertThat(say("jay", "火星")).isEqualTo(reply("utter_ask_place_again"));
        assertThat(sessions.get("jay").pending()).isInstanceOf(Pending.AskPlace.class);
    }

    @Test
    void unknownShortText_getsTheFallback() {
        assertThat(say("kim", "嗯嗯啊")).isIn(reply("utter_fallback"), reply("utter_nothing_pending"));
        assertThat(desk.filings()).isZero();
    }

    @Test
    void englishConcern_isFiledInEnglish_afterYes() {
        Inbound first = inbound(
                "eve",
                "The street lights near the village entrance have been broken for two weeks",
                Map.of("place", "青阳镇/里庄村"));
        assertThat(say(first)).startsWith("I will register this matter");
        assertThat(say("eve", "yes")).startsWith("Registered.");
    }

    @Test
    void englishUser_getsEnglish_andCanSwitchBack() {
        assertThat(say("lee", "hello")).isEqualTo(responses.render("utter_greet", "en", Map.of()));
        assertThat(say("lee", "说中文")).isEqualTo(reply("utter_language_set"));
        assertThat(say("lee", "hello")).isEqualTo(reply("utter_greet"));
        assertThat(say("lee", "English please")).isEqualTo(responses.render("utter_language_set", "en", Map.of()));
        assertThat(say("lee", "你好")).isEqualTo(responses.render("utter_greet", "en", Map.of()));
    }

    @Test
    void statusByTrackingNumber_andMyIssues() {
        say(inbound("max", "路口红绿灯坏了", Map.of("place", "青阳镇/里庄村")));
        say("max", "确认");

        assertThat(say("max", "查询 QY-20261126-0001"))
                .contains("QY-20261126-0001")
                .contains("已收到");
        assertThat(say("max", "查询 QY-20261126-0999")).contains("没有查到");
        assertThat(say("max", "我反映的事怎么样了")).contains("QY-20261126-0001");
        assertThat(say("nia", "我反映的事怎么样了")).isEqualTo(reply("utter_no_issues"));
    }

    @Test
    void help_listsWhatAResidentCanDo() {
        assertThat(say("oz", "帮助")).isEqualTo(reply("utter_help"));
        assertThat(say("oz", "菜单")).isEqualTo(reply("utter_help"));
    }

    @Test
    void help_dependsOnTheRole() {
        dialogue = new Dialogue(
                classifier,
                responses,
                config.regionsModel(),
                matcher,
                desk,
                r -> r.userId().startsWith("staff") ? Role.STAFF : Role.MEMBER,
                Commands.none(),
                RATINGS,
                RoomSchedules.none(responses, CLOCK),
                r -> Optional.empty(),
                CLOCK,
                0.35);

        assertThat(say("staff-1", "帮助")).isEqualTo(responses.render("utter_help_staff", "zh", Map.of("commands", "")));
        assertThat(say("member-1", "帮助")).isEqualTo(reply("utter_help_member"));
    }

    @Test
    void ratingQuestion_takesTheLongestRatingWord() {
        desk.addClosed("QY-20261126-0001", "路灯坏了", new Place("青阳镇", "里庄村"), new Reporter("test", "rae"));
        sessions.put("rae", Session.fresh().withPending(new Pending.AskRating("QY-20261126-0001")));

        assertThat(say("rae", "不满意，灯还是不亮")).contains("QY-20261126-0001");
        assertThat(desk.rating("QY-20261126-0001")).contains(cn.shangliang.consultation.ConcernDesk.Rating.UNSATISFIED);
        assertThat(sessions.get("rae").pending()).isEqualTo(new Pending.None());
    }

    @Test
    void redeliveredMessage_getsTheSameAnswer_andFilesOnce() {
        say(inbound("pia", "路灯坏了", Map.of("place", "青阳镇/里庄村")));
        Inbound confirm = inbound("pia", "确认", Map.of());

        String first = say(confirm);
        String again = say(confirm);

        assertThat(again).isEqualTo(first);
        assertThat(desk.filings()).isEqualTo(1);
    }

    @Test
    void oddInput_neverThrows() {
        List<String> odd = new ArrayList<>(
                List.of("", "!!!", "😀😀😀", "1234567", "AND OR * ? : \" \\ ~ (", "路".repeat(4000), "請問路燈壞了怎麼辦"));
        for (String text : odd) {
            assertThat(say("quo", text)).isNotBlank();
        }
    }
}
