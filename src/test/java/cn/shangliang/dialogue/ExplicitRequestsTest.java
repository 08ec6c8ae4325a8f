package cn.shangliang.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.consultation.ConcernDesk;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExplicitRequestsTest {

    private static final RatingWords RATINGS = new RatingWords(Map.of(
            ConcernDesk.Rating.SATISFIED, List.of("满意", "satisfied"),
            ConcernDesk.Rating.BASICALLY_SATISFIED, List.of("基本满意", "basically satisfied"),
            ConcernDesk.Rating.UNSATISFIED, List.of("不满意", "unsatisfied")));

    @Test
    void languageSwitch_onlyForAShortExplicitRequest() {
        assertThat(ExplicitRequests.languageSwitch("说英文")).contains("en");
        assertThat(ExplicitRequests.languageSwitch("English please")).contains("en");
        assertThat(ExplicitRequests.languageSwitch("can you speak English?")).contains("en");
        assertThat(ExplicitRequests.languageSwitch("说中文")).contains("zh");
        assertThat(ExplicitRequests.languageSwitch("Chinese please")).contains("zh");
        assertThat(ExplicitRequests.languageSwitch(
                        "The English teacher at the village school has not been paid for three months"))
                .isEmpty();
        assertThat(ExplicitRequests.languageSwitch("村里小学的英语老师三个月没发工资了，家长们都很着急")).isEmpty();
    }

    @Test
    void binding_needsTheWordAndTheCodeAlone() {
        assertThat(ExplicitRequests.isBinding("绑定 654321")).isTrue();
        assertThat(ExplicitRequests.isBinding("我的绑定码是654321")).isTrue();
        assertThat(ExplicitRequests.isBinding("怎么绑定")).isTrue();
        assertThat(ExplicitRequests.isBinding("绑定 12345")).as("told how").isTrue();
        assertThat(ExplicitRequests.isBinding("654321")).isFalse();
        assertThat(ExplicitRequests.isBinding("绑定 320281195003151234")).isFalse();
        assertThat(ExplicitRequests.isBinding("我身份证320281195003151234绑定的医保卡用不了"))
                .isFalse();
    }

    @Test
    void personalNumbers_areFound_trackingNumbersAreNot() {
        assertThat(ExplicitRequests.hasPersonalNumber("电话13812345678")).isTrue();
        assertThat(ExplicitRequests.hasPersonalNumber("卡号 6222 0212 3456 7890")).isTrue();
        assertThat(ExplicitRequests.hasPersonalNumber("查询 QY-20261126-0042")).isFalse();
        assertThat(ExplicitRequests.hasPersonalNumber("128号门口")).isFalse();
    }

    @Test
    void openers_withoutTheMatter() {
        for (String opener : List.of(
                "我要反映个事",
                "我要反映一个情况",
                "我要反映一个问题",
                "跟你说个事",
                "有个事想问问",
                "阿姨跟你说个事",
                "我想问一下",
                "我要反映一下",
                "I have a problem")) {
            assertThat(ExplicitRequests.isOpener(opener)).as(opener).isTrue();
        }
        assertThat(ExplicitRequests.isOpener("我要反映个事，村口路灯坏了")).isFalse();
        assertThat(ExplicitRequests.isOpener("路灯坏了")).isFalse();
    }

    @Test
    void rate_needsTheNumberAndTheRating() {
        assertThat(ExplicitRequests.rate("评价 QY-20261126-0042 基本满意", RATINGS))
                .contains(new ExplicitRequests.Rate("QY-20261126-0042", ConcernDesk.Rating.BASICALLY_SATISFIED));
        assertThat(ExplicitRequests.rate("rate qy-20261126-0042 Satisfied", RATINGS))
                .contains(new ExplicitRequests.Rate("QY-20261126-0042", ConcernDesk.Rating.SATISFIED));
        assertThat(ExplicitRequests.rate("评价 QY-20261126-0042", RATINGS)).isEmpty();
        assertThat(ExplicitRequests.looksLikeRating("评价 QY-20261126-0042")).isTrue();
    }

    @Test
    void englishCommands_andAnswers() {
        assertThat(ExplicitRequests.isStatusRequest("my issues")).isTrue();
        assertThat(ExplicitRequests.isStatusRequest("status QY-20261126-0042")).isTrue();
        assertThat(ExplicitRequests.isStatusRequest("status of the road repair"))
                .isFalse();
        assertThat(ExplicitRequests.yesNo("yes")).isEqualTo(Optional.of("confirm"));
        assertThat(ExplicitRequests.yesNo("No.")).isEqualTo(Optional.of("deny"));
        assertThat(ExplicitRequests.isResubscribe("恢复通知")).isTrue();
        assertThat(ExplicitRequests.isResubscribe("resume notifications")).isTrue();
        assertThat(ExplicitRequests.isResubscribe("Turn on notices")).isTrue();
    }
}
