package cn.shangliang.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void shortText_isOnePart() {
        assertThat(MessageSplitter.split("你好", 4096)).containsExactly("你好");
    }

    @Test
    void textOfExactlyTheLimit_isOnePart() {
        String text = "a".repeat(4096);
        assertThat(MessageSplitter.split(text, 4096)).containsExactly(text);
    }

    @Test
    void cutsAtTheLastLineBreakWithinTheLimit() {
        assertThat(MessageSplitter.split("第一行内容\n第二行\n第三行内容很长", 12)).containsExactly("第一行内容\n第二行", "第三行内容很长");
    }

    @Test
    void withoutLineBreaks_cutsAfterASentenceEnd() {
        assertThat(MessageSplitter.split("路灯坏了。晚上很黑！请尽快修理", 10)).containsExactly("路灯坏了。晚上很黑！", "请尽快修理");
        assertThat(MessageSplitter.split("The light is out. Please fix it soon", 22))
                .containsExactly("The light is out.", "Please fix it soon");
    }

    @Test
    void withoutAnyBreak_cutsHard_butNeverInsideASurrogatePair() {
        String text = "a" + "😡".repeat(5); // a, then 5 pairs: 11 UTF-16 units
        List<String> parts = MessageSplitter.split(text, 4);

        assertThat(parts).containsExactly("a😡", "😡😡", "😡😡");
        assertThat(String.join("", parts)).isEqualTo(text);
        parts.forEach(p -> assertThat(p.length()).isLessThanOrEqualTo(4));
    }

    @Test
    void longReply_splitsIntoTelegramSizedPartsInOrder() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append("第").append(i).append("条：青阳镇里庄村路灯维修进展顺利。\n");
        }
        List<String> parts = MessageSplitter.split(text.toString(), MessageSplitter.MAX_MESSAGE);

        assertThat(parts).hasSizeGreaterThan(1);
        parts.forEach(p -> assertThat(p.length()).isLessThanOrEqualTo(MessageSplitter.MAX_MESSAGE));
        assertThat(parts.get(0)).startsWith("第0条").endsWith("。");
        assertThat(String.join("\n", parts)).isEqualTo(text.toString().strip());
    }

    @Test
    void breakInTheFirstHalf_isNotUsed_soNoPartIsTiny() {
        String text = "ab\n" + "c".repeat(20);
        assertThat(MessageSplitter.split(text, 10)).first().asString().hasSize(10);
    }
}
