package cn.shangliang.matching;

import static cn.shangliang.matching.MatchingFixtures.busService;
import static cn.shangliang.matching.MatchingFixtures.index;
import static cn.shangliang.matching.MatchingFixtures.streetLights;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.consultation.Topic;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LuceneTopicIndexTest {

    private static final String LIGHTS = "村里主路的路灯坏了好几盏，晚上黑漆漆的，走夜路不安全";

    @Test
    void match_sameConcernSameVillage_isConfident() {
        try (LuceneTopicIndex index = index(streetLights("T1", "月城镇", "双泾村"))) {
            MatchResult result = index.match(new Concern("月城镇", "双泾村", LIGHTS));
            assertThat(result).isInstanceOf(MatchResult.Confident.class);
            assertThat(((MatchResult.Confident) result).best().topic().id()).isEqualTo("T1");
        }
    }

    @Test
    void match_sameConcernOtherVillage_isNew() {
        try (LuceneTopicIndex index = index(streetLights("T1", "月城镇", "双泾村"))) {
            MatchResult result = index.match(new Concern("月城镇", "月城社区", LIGHTS));
            assertThat(result).isInstanceOf(MatchResult.NoMatch.class);
            assertThat(result.candidates()).isEmpty();
        }
    }

    @Test
    void match_sameConcernOtherTown_isNew() {
        try (LuceneTopicIndex index = index(streetLights("T1", "月城镇", "双泾村"), busService("T2", "璜土镇"))) {
            assertThat(index.match(new Concern("青阳镇", "双泾村", LIGHTS))).isInstanceOf(MatchResult.NoMatch.class);
            assertThat(index.match(new Concern("青阳镇", "", "到城里的公交班次太少了")).candidates())
                    .isEmpty();
        }
    }

    @Test
    void match_townTopic_servesEveryVillageOfItsTownAndTheTownAlone() {
        try (LuceneTopicIndex index = index(busService("T2", "璜土镇"))) {
            String text = "去城区的公交班次太少，末班车太早了";
            assertThat(index.match(new Concern("璜土镇", "石庄村", text))).isInstanceOf(MatchResult.Confident.class);
            assertThat(index.match(new Concern("璜土镇", "", text))).isInstanceOf(MatchResult.Confident.class);
        }
    }

    @Test
    void match_villageTopic_notForResidentWhoGaveOnlyTheTown() {
        try (LuceneTopicIndex index = index(streetLights("T1", "月城镇", "双泾村"))) {
            assertThat(index.match(new Concern("月城镇", "", LIGHTS))).isInstanceOf(MatchResult.NoMatch.class);
        }
    }

    @Test
    void match_unrelatedConcern_isNew() {
        try (LuceneTopicIndex index = index(streetLights("T1", "月城镇", "双泾村"))) {
            assertThat(index.match(new Concern("月城镇", "双泾村", "邻居家养的鸽子把阳台弄得很脏")))
                    .isInstanceOf(MatchResult.NoMatch.class);
        }
    }

    @Test
    void match_twoCloseTopics_asksWithBothAndSimilaritiesInUnitRange() {
        try (LuceneTopicIndex index = index(
                streetLights("T1", "月城镇", "双泾村"),
                MatchingFixtures.villageTopic("T3", "月城镇", "双泾村", "主路路灯晚上太亮", "新装的主路路灯太亮，照进卧室，晚上睡不好。"))) {
            MatchResult result = index.match(new Concern("月城镇", "双泾村", "主路的路灯"));
            assertThat(result).isNotInstanceOf(MatchResult.Confident.class);
            assertThat(result.candidates()).extracting(c -> c.topic().id()).contains("T1", "T3");
            assertThat(result.candidates())
                    .allSatisfy(c -> assertThat(c.similarity()).isBetween(0.0, 1.0));
        }
    }

    @Test
    void closedTopic_stopsMatching() {
        Topic open = streetLights("T1", "月城镇", "双泾村");
        try (LuceneTopicIndex index = index(open)) {
            index.upsert(new Topic(
                    "T1", open.town(), open.village(), open.level(), open.title(), open.text(), Topic.Status.CLOSED));
            assertThat(index.size()).isZero();
            assertThat(index.match(new Concern("月城镇", "双泾村", LIGHTS))).isInstanceOf(MatchResult.NoMatch.class);
        }
    }

    @Test
    void upsert_sameIdTwice_keepsOneTopic() {
        try (LuceneTopicIndex index = index()) {
            index.upsert(streetLights("T1", "月城镇", "双泾村"));
            index.upsert(streetLights("T1", "月城镇", "双泾村"));
            assertThat(index.size()).isEqualTo(1);
            assertThat(index.match(new Concern("月城镇", "双泾村", LIGHTS)).candidates())
                    .hasSize(1);
        }
    }

    @Test
    void notReady_untilMarked() {
        try (LuceneTopicIndex index =
                LuceneTopicIndex.inMemory(MatchingFixtures.analyzer(), MatchingSettings.DEFAULTS)) {
            assertThat(index.isReady()).isFalse();
            index.replaceAll(List.of());
            index.markReady();
            assertThat(index.isReady()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "。。。！！？？", "……", "😀😀😀", "👍🏻🙏", "12345", "１２３４５", "2026-11-26 10:30"})
    void match_noContentWords_isNoContent(String text) {
        try (LuceneTopicIndex index = index(streetLights("T1", "月城镇", "双泾村"))) {
            assertThat(index.match(new Concern("月城镇", "双泾村", text))).isInstanceOf(MatchResult.NoContent.class);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "路灯 AND 坏了 OR 不亮",
                "路灯* 坏? title:路灯 \"路灯\" \\ ~2 (路灯",
                "AND OR NOT * ? : \" \\ ~ ( ) [ ] { } ^ + - ! && ||",
                "street light broken 路灯坏了 please fix",
                "/.*/ 路灯~ 路灯^10"
            })
    void match_querySyntaxInText_isNeverParsedAndNeverThrows(String text) {
        try (LuceneTopicIndex index = index(streetLights("T1", "月城镇", "双泾村"))) {
            MatchResult result = index.match(new Concern("月城镇", "双泾村", text));
            assertThat(result).isNotNull();
        }
    }

    @Test
    void match_4000CharacterText_doesNotThrow() {
        String longText = "村里主路的路灯坏了，晚上黑漆漆的。".repeat(250);
        assertThat(longText.length()).isGreaterThanOrEqualTo(4000);
        try (LuceneTopicIndex index = index(streetLights("T1", "月城镇", "双泾村"))) {
            MatchResult result = index.match(new Concern("月城镇", "双泾村", longText));
            assertThat(result.candidates()).extracting(c -> c.topic().id()).contains("T1");
        }
    }
}
