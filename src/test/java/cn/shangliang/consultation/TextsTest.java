package cn.shangliang.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void mask_mobile_keepsFirstThreeAndLastFour() {
        assertThat(Texts.mask("请打13812345678联系我")).isEqualTo("请打138****5678联系我");
    }

    @Test
    void mask_idCard18_withX_keepsFirstSixAndLastFour() {
        assertThat(Texts.mask("身份证32028119800101123X")).isEqualTo("身份证320281********123X");
        assertThat(Texts.mask("身份证320281198001011234。")).isEqualTo("身份证320281********1234。");
    }

    @Test
    void mask_idCard15_keepsFirstSixAndLastThree() {
        assertThat(Texts.mask("老身份证320281800101123号")).isEqualTo("老身份证320281******123号");
    }

    @Test
    void mask_bankCard_plainOrGrouped_keepsFirstAndLastFour() {
        assertThat(Texts.mask("卡号6222021234567890123")).isEqualTo("卡号6222***********0123");
        assertThat(Texts.mask("卡号 6222 0212 3456 7890")).isEqualTo("卡号 6222 **** **** 7890");
        assertThat(Texts.mask("卡号6222-0212-3456-7890。")).isEqualTo("卡号6222-****-****-7890。");
    }

    @Test
    void mask_landline_keepsAreaCodeAndLastFour() {
        assertThat(Texts.mask("电话0510-86812345")).isEqualTo("电话0510-****2345");
    }

    @Test
    void mask_ordinaryNumbers_stayAsTheyAre() {
        String text = "3号楼2单元的路灯坏了20天，2026年12月1日报过，门牌12号";
        assertThat(Texts.mask(text)).isEqualTo(text);
    }

    @Test
    void title_isMaskedToo() {
        assertThat(Texts.title("我的电话13812345678，路灯坏了")).doesNotContain("12345678");
    }
}
