package cn.shangliang.dialogue.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RasaNluLoaderTest {

    private static final String DATA = """
            version: "3.1"
            nlu:
            - intent: check_status
              examples: |
                - 查询[QY-20261126-0042](tracking_no)
                - 我反映的事怎么样了
            - intent: room_schedule
              examples: |
                - [青阳镇](town)议事室[下周三]{"entity": "date", "value": "next_wednesday"}有会吗
                - [明天](date:tomorrow)下午有空吗
            - synonym: 电动车
              examples: |
                - 电瓶车
            - regex: tracking_no
              examples: |
                - [A-Z]{2,4}-\\d{8}-\\d{4}
            - lookup: time_of_day
              examples: |
                - 上午
                - 下午
            """;

    @Test
    void load_rasaFormat_keepsTextAndEntitySpans() {
        NluData data = new RasaNluLoader().add("nlu.yml", DATA).data();

        assertThat(data.intents()).containsExactly("check_status", "room_schedule");
        Example status = data.examples().get(0);
        assertThat(status.text()).isEqualTo("查询QY-20261126-0042");
        assertThat(status.entities()).containsExactly(new EntitySpan("tracking_no", 2, 18, "QY-20261126-0042"));
        assertThat(status.source()).isEqualTo("nlu.yml:5");

        Example schedule = data.examples().get(2);
        assertThat(schedule.text()).isEqualTo("青阳镇议事室下周三有会吗");
        assertThat(schedule.entities())
                .containsExactly(new EntitySpan("town", 0, 3, "青阳镇"), new EntitySpan("date", 6, 9, "next_wednesday"));
        assertThat(data.examples().get(3).entities()).containsExactly(new EntitySpan("date", 0, 2, "tomorrow"));

        assertThat(data.synonyms()).containsEntry("电瓶车", "电动车");
        assertThat(data.regexes()
                        .get("tracking_no")
                        .get(0)
                        .matcher("QY-20261126-0042")
                        .matches())
                .isTrue();
        assertThat(data.lookups().get("time_of_day")).containsExactly("上午", "下午");
    }

    @Test
    void load_syntaxError_namesFileAndLine() {
        String broken = "version: \"3.1\"\nnlu:\n- intent: greet\n  examples: |\n    - 你好\n  - bad: [\n";

        assertThatThrownBy(() -> new RasaNluLoader().add("intents/nlu/broken.yml", broken))
                .isInstanceOf(NluFormatException.class)
                .hasMessageStartingWith("intents/nlu/broken.yml:")
                .hasMessageContaining("YAML");
    }

    @Test
    void load_exampleWithoutDash_namesTheLine() {
        String yaml = "nlu:\n- intent: greet\n  examples: |\n    - 你好\n    在吗\n";

        assertThatThrownBy(() -> new RasaNluLoader().add("x.yml", yaml))
                .isInstanceOf(NluFormatException.class)
                .hasMessage("x.yml:5: each example must start with '- '");
    }

    @Test
    void load_badRegexOrItem_isNamed() {
        assertThatThrownBy(() -> new RasaNluLoader().add("r.yml", "nlu:\n- regex: code\n  examples: |\n    - [0-9\n"))
                .isInstanceOf(NluFormatException.class)
                .hasMessageStartingWith("r.yml:4: bad regular expression");
        assertThatThrownBy(() -> new RasaNluLoader().add("i.yml", "nlu:\n- examples: |\n    - 你好\n"))
                .isInstanceOf(NluFormatException.class)
                .hasMessageStartingWith("i.yml:2:");
    }

    @Test
    void load_responsesFile_isSkipped(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("responses.yml"), "responses:\n  utter_x:\n    - text: hi\n");
        Files.writeString(dir.resolve("nlu.yml"), DATA);

        assertThat(RasaNluLoader.loadDirectory(dir).examples()).hasSize(4);
    }

    @Test
    void load_routingExamples_areNoIntents_butLoadOnTheirOwn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nlu.yml"), DATA);
        Files.createDirectories(dir.resolve("routing"));
        Files.writeString(
                dir.resolve("routing").resolve("village.yml"), "nlu:\n- intent: 照明\n  examples: |\n    - 路灯坏了\n");

        assertThat(RasaNluLoader.loadDirectory(dir).intents()).doesNotContain("照明");
        assertThat(RasaNluLoader.loadDirectory(dir.resolve(RasaNluLoader.ROUTING_DIR))
                        .intents())
                .containsExactly("照明");
    }

    @Test
    void load_shippedData_loads() {
        NluData data = RasaNluLoader.loadDirectory(Path.of("intents"));

        assertThat(data.intents())
                .contains(
                        "greet",
                        "help",
                        "raise_concern",
                        "check_status",
                        "room_schedule",
                        "my_meetings",
                        "rsvp_accept",
                        "rsvp_decline",
                        "bind_account",
                        "unsubscribe",
                        "thanks",
                        "confirm",
                        "deny",
                        "cancel",
                        "choose");
    }
}
