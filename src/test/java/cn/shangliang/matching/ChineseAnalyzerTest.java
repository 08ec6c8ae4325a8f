package cn.shangliang.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChineseAnalyzerTest {

    private final ChineseAnalyzer analyzer = MatchingFixtures.analyzer();

    @Test
    void normalise_traditionalText_becomesSimplified() {
        assertThat(analyzer.normalise("村裡的路燈壞了")).isEqualTo("村里的路灯坏了");
    }

    @Test
    void normalise_fullWidthDigitsAndLetters_becomeHalfWidthLowerCase() {
        assertThat(analyzer.normalise("１２３号ＷＩＦＩ")).isEqualTo("123号wifi".replace("wifi", "无线网"));
    }

    @Test
    void words_traditionalAndSimplified_analyseAlike() {
        assertThat(analyzer.terms(ChineseAnalyzer.WORDS, "垃圾桶滿了沒人收"))
                .isEqualTo(analyzer.terms(ChineseAnalyzer.WORDS, "垃圾桶满了没人收"));
    }

    @Test
    void synonyms_variantIsRewrittenToCanonicalForm() {
        assertThat(analyzer.terms(ChineseAnalyzer.WORDS, "电瓶车")).contains("电动车");
        assertThat(analyzer.terms(ChineseAnalyzer.WORDS, "街灯坏了")).contains("路灯");
        assertThat(analyzer.terms(ChineseAnalyzer.WORDS, "垃圾箱满了")).contains("垃圾桶");
    }

    @Test
    void synonyms_canonicalFormIsNotCutByAShorterVariant() {
        assertThat(analyzer.normalise("公交车")).isEqualTo("公交车");
    }

    @Test
    void stopWordsNumbersAndPunctuation_areNotContent() {
        assertThat(analyzer.terms(ChineseAnalyzer.WORDS, "我们的啊，123！！")).isEmpty();
        assertThat(analyzer.terms(ChineseAnalyzer.BIGRAMS, "我们的啊，123！！")).isEmpty();
    }

    @Test
    void emojiOnly_hasNoTerms() {
        assertThat(analyzer.terms(ChineseAnalyzer.WORDS, "😀😡👍🏻")).isEmpty();
    }

    @Test
    void bigrams_spanAdjacentContentWordsButNotStopWords() {
        List<String> bigrams = analyzer.terms(ChineseAnalyzer.BIGRAMS, "幼儿圆太少");
        assertThat(bigrams).contains("幼儿").doesNotContain("圆太", "太少");
    }

    @Test
    void mixedChineseAndEnglish_keepsBoth() {
        assertThat(analyzer.terms(ChineseAnalyzer.WORDS, "停车场ETC抬杆坏了")).contains("停车场", "etc");
    }

    @Test
    void synonymFile_malformedLine_namesFileAndLine() {
        assertThatThrownBy(() -> SynonymTable.parse(List.of("# ok", "onlyone"), "syn.txt", s -> s))
                .hasMessageContaining("syn.txt:2");
    }
}
