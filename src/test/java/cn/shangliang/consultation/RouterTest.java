package cn.shangliang.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Router router = new Router(
            List.of(
                    new Category("产业与企业", Topic.Level.TOWN, List.of("用地", "厂房", "企业")),
                    new Category("学校", Topic.Level.TOWN, List.of("学校", "幼儿园")),
                    new Category("照明", Topic.Level.VILLAGE, List.of("路灯")),
                    new Category("停车", Topic.Level.VILLAGE, List.of("停车", "车位"))),
            text -> text.replace("燈", "灯"));
    private final Place village = new Place("青阳镇", "里庄村");

    @Test
    void route_townMatter_goesToTheTown() {
        assertThat(router.route("想扩建厂房，没有用地指标", village)).isEqualTo(new Routing("产业与企业", Topic.Level.TOWN, false));
    }

    @Test
    void route_villageMatter_staysInTheVillage() {
        assertThat(router.route("村口路燈坏了", village)).isEqualTo(new Routing("照明", Topic.Level.VILLAGE, false));
    }

    @Test
    void route_noKeyword_isVillageWithReview() {
        assertThat(router.route("有件事想说说", village)).isEqualTo(new Routing("", Topic.Level.VILLAGE, true));
    }

    @Test
    void route_tieBetweenLevels_isVillageWithReview() {
        assertThat(router.route("学校门口乱停车", village)).isEqualTo(new Routing("学校", Topic.Level.VILLAGE, true));
    }

    @Test
    void route_residentWhoGaveOnlyTheTown_isTownLevel() {
        assertThat(router.route("路灯坏了", Place.town("青阳镇")).level()).isEqualTo(Topic.Level.TOWN);
    }
}
