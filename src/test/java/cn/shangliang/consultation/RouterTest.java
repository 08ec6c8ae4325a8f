package cn.shangliang.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final List<Category> CATEGORIES = List.of(
            new Category("产业与企业", Topic.Level.TOWN, List.of("用地", "厂房", "企业")),
            new Category("学校", Topic.Level.TOWN, List.of("学校", "幼儿园")),
            new Category("照明", Topic.Level.VILLAGE, List.of("路灯")),
            new Category("停车", Topic.Level.VILLAGE, List.of("停车", "车位")),
            new Category("居住设施", Topic.Level.VILLAGE, List.of("小区", "楼道")));

    private static final Map<String, List<String>> EXAMPLES = Map.of(
            "产业与企业",
            List.of("小厂订单越来越少，工人工资都发不出", "开店生意难做，房租太高撑不下去", "做加工的小老板资金周转困难", "实体店生意一年不如一年"),
            "学校",
            List.of("孩子上学的学位不够", "新建楼盘多了，小学一个班太挤", "放学时校门口很乱"),
            "照明",
            List.of("晚上门口黑漆漆的没有灯", "灯坏了一个月没人修"),
            "停车",
            List.of("车子乱停堵住了路", "晚上回来没地方停车"),
            "居住设施",
            List.of("老楼没有电梯", "楼道的窗户坏了", "自来水水压不够"));

    private final Router keywordsOnly = new Router(CATEGORIES, text -> text.replace("燈", "灯"));
    private final Router learnt =
            new Router(CATEGORIES, EXAMPLES, text -> text.replace("燈", "灯"), Router.Thresholds.DEFAULT);
    private final Place village = new Place("青阳镇", "里庄村");

    @Test
    void route_townMatter_goesToTheTown() {
        Routing routing = keywordsOnly.route("想扩建厂房，没有用地指标", village);
        assertThat(routing.level()).isEqualTo(Topic.Level.TOWN);
        assertThat(routing.category()).isEqualTo("产业与企业");
        assertThat(routing.needsReview()).isFalse();
        assertThat(routing.confidence()).isGreaterThanOrEqualTo(Router.Thresholds.DEFAULT.reviewBelow());
    }

    @Test
    void route_villageMatter_staysInTheVillage_afterFolding() {
        Routing routing = keywordsOnly.route("村口路燈坏了", village);
        assertThat(routing.level()).isEqualTo(Topic.Level.VILLAGE);
        assertThat(routing.category()).isEqualTo("照明");
        assertThat(routing.needsReview()).isFalse();
    }

    @Test
    void route_nothingKnown_isVillageWithReview() {
        Routing routing = keywordsOnly.route("有件事想说说", village);
        assertThat(routing.level()).isEqualTo(Topic.Level.VILLAGE);
        assertThat(routing.needsReview()).isTrue();
        assertThat(routing.confidence()).isLessThan(Router.Thresholds.DEFAULT.reviewBelow());
    }

    @Test
    void route_smallBusinessWithoutKeywords_isLearntFromExamples() {
        String concern = "我开的小店生意越来越难做，快撑不下去了";
        assertThat(keywordsOnly.route(concern, village).level()).isEqualTo(Topic.Level.VILLAGE);
        Routing routing = learnt.route(concern, village);
        assertThat(routing.level()).isEqualTo(Topic.Level.TOWN);
        assertThat(routing.category()).isEqualTo("产业与企业");
        assertThat(routing.needsReview()).isFalse();
    }

    @Test
    void route_schoolConcernWithAnIncidentalHousingWord_isTheSchools() {
        Routing routing = learnt.route("小区对面的学校放学时校门口很乱", village);
        assertThat(routing.level()).isEqualTo(Topic.Level.TOWN);
        assertThat(routing.category()).isEqualTo("学校");
        assertThat(routing.needsReview()).isFalse();
    }

    @Test
    void route_townOnly_townMatter_isTheTownWithoutReview() {
        Routing routing = learnt.route("想扩建厂房，没有用地指标", Place.town("青阳镇"));
        assertThat(routing.level()).isEqualTo(Topic.Level.TOWN);
        assertThat(routing.needsReview()).isFalse();
        assertThat(routing.needsVillage()).isFalse();
    }

    @Test
    void route_townOnly_clearVillageMatter_asksTheVillage_andIsFlaggedAtTheTown() {
        Routing routing = learnt.route("门口路灯坏了一个月没人修", Place.town("青阳镇"));
        assertThat(routing.needsVillage()).isTrue();
        assertThat(routing.level()).isEqualTo(Topic.Level.TOWN);
        assertThat(routing.needsReview()).isTrue();
    }

    @Test
    void route_townOnly_unsure_isTheTownWithReview_withoutAskingTheVillage() {
        Routing routing = learnt.route("有件事想说说", Place.town("青阳镇"));
        assertThat(routing.level()).isEqualTo(Topic.Level.TOWN);
        assertThat(routing.needsReview()).isTrue();
        assertThat(routing.needsVillage()).isFalse();
    }

    @Test
    void route_isRepeatable_sameTrainingSameAnswer() {
        Router again = new Router(CATEGORIES, EXAMPLES, text -> text, Router.Thresholds.DEFAULT);
        String concern = "楼道里的灯不亮，车也没地方停";
        assertThat(again.route(concern, village))
                .isEqualTo(new Router(CATEGORIES, EXAMPLES, text -> text, Router.Thresholds.DEFAULT)
                        .route(concern, village));
    }

    @Test
    void route_withoutCategories_isVillageWithReview() {
        Routing routing = new Router(List.of(), text -> text).route("路灯坏了", village);
        assertThat(routing).isEqualTo(new Routing("", Topic.Level.VILLAGE, 0.5, true, false));
    }

    @Test
    void router_examplesOfAnUnknownCategory_areRefused() {
        assertThatThrownBy(() ->
                        new Router(CATEGORIES, Map.of("菜场", List.of("菜场太小")), text -> text, Router.Thresholds.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("菜场");
    }

    @Test
    void thresholds_outsideTheRange_areRefused() {
        assertThatThrownBy(() -> new Router.Thresholds(0.4, 0.8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Router.Thresholds(0.6, 1.2)).isInstanceOf(IllegalArgumentException.class);
    }
}
