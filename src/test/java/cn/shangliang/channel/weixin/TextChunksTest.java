package cn.shangliang.channel.weixin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextChunksTest {

    @Test
    void shortText_isOnePiece() {
        assertThat(TextChunks.split("你好", 2048)).containsExactly("你好");
    }

    @Test
    void exactlyTheLimit_isOnePiece() {
        String text = "字".repeat(682) + "ab"; // 2046 + 2 bytes
        assertThat(TextChunks.split(text, 2048)).containsExactly(text);
    }

    @Test
    void longText_splitsAtLineBreaks_inOrder() {
        String line = "字".repeat(300); // 900 bytes
        String text = line + "\n" + line + "\n" + line;

        List<String> pieces = TextChunks.split(text, 2048);

        assertThat(pieces).containsExactly(line + "\n" + line, line);
    }

    @Test
    void withoutLineBreaks_splitsAfterASentenceEnd() {
        String sentence = "字".repeat(199) + "。"; // 600 bytes
        String text = sentence.repeat(5);

        List<String> pieces = TextChunks.split(text, 2048);

        assertThat(pieces).containsExactly(sentence.repeat(3), sentence.repeat(2));
    }

    @Test
    void noBoundaryAtAll_cutsBetweenWholeCharacters() {
        String text = "字".repeat(1000); // 3000 bytes, 3 bytes each: 682 fit in 2048

        List<String> pieces = TextChunks.split(text, 2048);

        assertThat(pieces).containsExactly("字".repeat(682), "字".repeat(318));
    }

    @Test
    void surrogatePairs_areNeverSplit() {
        String text = "a" + "😀".repeat(1000); // 1 + 4000 bytes

        List<String> pieces = TextChunks.split(text, 2048);

        assertThat(String.join("", pieces)).isEqualTo(text);
        for (String piece : pieces) {
            assertThat(TextChunks.utf8Length(piece)).isLessThanOrEqualTo(2048);
            assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1)))
                    .isFalse();
        }
    }

    @Test
    void everyPiece_fitsTheLimit_andNothingIsLost() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            sb.append("第").append(i).append("条：路灯坏了，请尽快修理！");
            if (i % 9 == 0) {
                sb.append('\n');
            }
        }
        String text = sb.toString();

        List<String> pieces = TextChunks.split(text, 2048);

        assertThat(pieces).hasSizeGreaterThan(1);
        pieces.forEach(p -> assertThat(TextChunks.utf8Length(p)).isLessThanOrEqualTo(2048));
        assertThat(String.join("", pieces).replace("\n", "")).isEqualTo(text.replace("\n", ""));
    }
}
