package cn.shangliang.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TitlesTest {

    @Test
    void title_leavesOutGreetingsAndFillers() {
        assertThat(Titles.of("阿姨跟你说个事，菜场门口的排水沟堵了，一下雨就淹")).isEqualTo("菜场门口的排水沟堵了，一下雨就淹");
        assertThat(Titles.of("你好，我想反映一下，村口路灯坏了。好几天了")).isEqualTo("村口路灯坏了");
        assertThat(Titles.of("有个事想问问：小区停车位怎么分配")).isEqualTo("小区停车位怎么分配");
    }

    @Test
    void title_keepsAMatterThatOnlyLooksLikeAFiller() {
        assertThat(Titles.of("问题是路灯一直不亮")).isEqualTo("问题是路灯一直不亮");
        assertThat(Titles.of("说个事")).isEqualTo("说个事");
    }

    @Test
    void englishTitle_endsAtAWordBoundary() {
        String title = Titles.of(
                "Hello, the street lights near the village entrance have been broken for two weeks and it is dark");
        assertThat(title).startsWith("the street lights").endsWith("…");
        String words = title.substring(0, title.length() - 1);
        assertThat("the street lights near the village entrance have been broken for two weeks and it is dark")
                .startsWith(words)
                .contains(words + " ");
    }

    @Test
    void chineseTitle_isCut() {
        assertThat(Titles.of("一二三四五六七八九十一二三四五六七八九十一二三四五六七八")).hasSize(25).endsWith("…");
    }
}
