package cn.shangliang.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Topic;
import cn.shangliang.consultation.Town;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportTopicsCommandTest {

    private final Regions regions = new Regions(List.of(new Town("青阳镇", "QY", List.of("里庄村"))));

    @Test
    void parse_goodLines_becomeTopics_withOptionalStatusAndSupporters() {
        List<String> errors = new ArrayList<>();
        var rows = ImportTopicsCommand.parse(
                List.of(
                        "{\"id\":\"A\",\"town\":\"青阳镇\",\"village\":\"里庄村\",\"level\":\"village\",\"title\":\"路灯\",\"text\":\"坏了\"}",
                        "",
                        "{\"id\":\"B\",\"town\":\"青阳镇\",\"village\":\"\",\"level\":\"town\",\"title\":\"公交\",\"text\":\"少\","
                                + "\"status\":\"closed\",\"supporters\":4}"),
                regions,
                errors);

        assertThat(errors).isEmpty();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).topic().status()).isEqualTo(Topic.Status.CLOSED);
        assertThat(rows.get(1).supporters()).isEqualTo(4);
    }

    @Test
    void parse_badLines_areReportedByNumber() {
        List<String> errors = new ArrayList<>();
        ImportTopicsCommand.parse(
                List.of(
                        "{oops",
                        "[1]",
                        "{\"id\":\"A\",\"town\":\"火星镇\",\"level\":\"town\",\"title\":\"x\"}",
                        "{\"id\":\"B\",\"town\":\"青阳镇\",\"level\":\"country\",\"title\":\"x\"}",
                        "{\"id\":\"C\",\"town\":\"青阳镇\",\"level\":\"town\",\"title\":\"x\",\"status\":\"lost\"}",
                        "{\"id\":\"D\",\"town\":\"青阳镇\",\"level\":\"town\"}",
                        "{\"id\":\"E\",\"town\":\"青阳镇\",\"level\":\"town\",\"title\":\"x\"}",
                        "{\"id\":\"E\",\"town\":\"青阳镇\",\"level\":\"town\",\"title\":\"y\"}"),
                regions,
                errors);

        assertThat(errors)
                .containsExactly(
                        "1: not valid JSON",
                        "2: not a JSON object",
                        "3: unknown place 火星镇",
                        "4: level must be town or village",
                        "5: unknown status lost",
                        "6: title and text are both empty",
                        "8: id E appears twice in the file");
    }
}
