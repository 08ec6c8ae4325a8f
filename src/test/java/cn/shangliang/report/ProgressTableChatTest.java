package cn.shangliang.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.consultation.IsoWeek;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Town;
import cn.shangliang.consultation.WeeklyTable;
import cn.shangliang.dialogue.Responses;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Friday 4 December 2026 (week 2026-W49), Asia/Shanghai. */
class ProgressTableChatTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T02:00:00Z"), ZONE);
    private static final Reporter LEADER = new Reporter("wecom", "leadership-office");
    private static final Reporter RESIDENT = new Reporter("wecom", "zhang");
    private static final Responses RESPONSES = Responses.load(Path.of("intents/responses.yml"), new Random(1));

    private final List<IsoWeek> asked = new ArrayList<>();
    private final ProgressTableChat chat = new ProgressTableChat(
            LEADER::equals,
            week -> {
                asked.add(week);
                return WeeklyTable.compute(
                        week,
                        ZONE,
                        CLOCK.instant(),
                        Duration.ofDays(14),
                        new WeeklyTable.Sources(
                                List.of(new Town("青阳镇", "QY", List.of())),
                                t -> List.of(),
                                List.of(),
                                r -> null,
                                (r, b) -> List.of()));
            },
            new WeeklySummary(RESPONSES::render),
            new ReportLinks(
                    "0123456789abcdef0123456789abcdef".getBytes(),
                    "https://sl.example.cn",
                    Duration.ofHours(72),
                    CLOCK),
            RESPONSES::render,
            CLOCK);

    @Test
    void answer_leadershipAsksForThisWeek_getsTheSummaryAndSignedLinks() {
        List<String> replies = chat.answer(LEADER, "本周推进表", "zh").orElseThrow();

        assertThat(asked).containsExactly(IsoWeek.parse("2026-W49"));
        assertThat(replies)
                .singleElement()
                .satisfies(text -> assertThat(text)
                        .contains("每周推进表 2026-W49")
                        .contains("超期")
                        .contains("https://sl.example.cn/api/reports/weekly?week=2026-W49&format=xlsx&lang=zh&expires=")
                        .contains("format=csv")
                        .contains("&sig=")
                        .contains("72"));
    }

    @Test
    void answer_lastWeek_inChineseOrEnglish_isThePreviousWeek() {
        chat.answer(LEADER, "上周推进表", "zh");
        chat.answer(LEADER, "Last week's progress table?", "en");
        List<String> english =
                chat.answer(LEADER, "this week's progress table", "en").orElseThrow();

        assertThat(asked)
                .containsExactly(IsoWeek.parse("2026-W48"), IsoWeek.parse("2026-W48"), IsoWeek.parse("2026-W49"));
        assertThat(english.getFirst()).contains("Weekly progress 2026-W49").contains("lang=en");
    }

    @Test
    void answer_someoneElseAsks_isPolitelyRefusedFromTheCatalogue() {
        List<String> replies = chat.answer(RESIDENT, "本周推进表", "zh").orElseThrow();

        assertThat(replies).containsExactly(RESPONSES.render("utter_progress_table_refused", "zh", java.util.Map.of()));
        assertThat(asked).isEmpty();
    }

    @Test
    void answer_otherMessages_areNotRequests() {
        assertThat(chat.answer(LEADER, "你好", "zh")).isEmpty();
        assertThat(chat.answer(LEADER, "本周推进表里青阳镇的路灯怎么还没修好", "zh")).isEmpty();
        assertThat(chat.answer(LEADER, "progress", "en")).isEmpty();
    }
}
