package cn.shangliang.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("shangliang.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void load_shippedSample_runsAsIs() {
        AppConfig config = new ConfigLoader(Map.of()).load(Path.of("config/shangliang.yaml"));

        assertThat(config.server().port()).isEqualTo(7070);
        assertThat(config.redis().url()).isEmpty();
        assertThat(config.zoneId().getId()).isEqualTo("Asia/Shanghai");
        assertThat(config.channels().generic().enabled()).isFalse();
    }

    @Test
    void load_emptyFile_takesDefaults() throws IOException {
        AppConfig config = new ConfigLoader(Map.of()).load(write(""));

        assertThat(config.pipeline().settings().maxDeliveries()).isEqualTo(5);
        assertThat(config.dataDir()).isEqualTo("./data");
    }

    @Test
    void load_environment_overridesFile() throws IOException {
        Map<String, String> env = Map.of(
                "PORT", "8088",
                "REDIS_URL", "redis://:pw@redis.example:6380/2",
                "SHANGLIANG_DATA", "/var/lib/shangliang",
                "GENERIC_SECRET", "s",
                "GENERIC_REPLY_URL", "http://127.0.0.1:9000/replies");

        AppConfig config = new ConfigLoader(env).load(write("server:\n  port: 7070\n"));

        assertThat(config.server().port()).isEqualTo(8088);
        assertThat(config.redis().url()).isEqualTo("redis://:pw@redis.example:6380/2");
        assertThat(config.dataDir()).isEqualTo("/var/lib/shangliang");
        assertThat(config.channels().generic().enabled()).isTrue();
        assertThat(config.channels().generic().replyUrl()).isEqualTo("http://127.0.0.1:9000/replies");
    }

    @Test
    void load_secretFromVariableNamedInConfig() throws IOException {
        AppConfig config = new ConfigLoader(Map.of("MY_SECRET", "abc"))
                .load(write("channels:\n  generic:\n    secret_env: MY_SECRET\n"));

        assertThat(config.channels().generic().secret()).isEqualTo("abc");
    }

    @Test
    void load_outOfRangeValue_namesFileKeyAndValue() throws IOException {
        Path file = write("server:\n  port: 99999\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("server.port")
                .hasMessageContaining("99999");
    }

    @Test
    void load_partitionsAndReplicaAcks_defaultsAndRangesNamed() throws IOException {
        AppConfig defaults = new ConfigLoader(Map.of()).load(write(""));
        assertThat(defaults.pipeline().partitions()).isEqualTo(16);
        assertThat(defaults.redis().ackReplicas()).isZero();

        AppConfig set = new ConfigLoader(Map.of())
                .load(write("pipeline:\n  partitions: 32\nredis:\n  ack_replicas: 1\n  ack_timeout_ms: 200\n"));
        assertThat(set.pipeline().partitions()).isEqualTo(32);
        assertThat(set.redis().ackReplicas()).isEqualTo(1);
        assertThat(set.redis().ackTimeoutMs()).isEqualTo(200);

        Path bad = write("pipeline:\n  partitions: 0\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(bad))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("partitions")
                .hasMessageContaining("0");
    }

    @Test
    void load_unknownKey_isNamed() throws IOException {
        Path file = write("pipeline:\n  wrokers: 3\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pipeline.wrokers")
                .hasMessageContaining("unknown key");
    }

    @Test
    void load_wrongType_isNamed() throws IOException {
        Path file = write("pipeline:\n  workers: many\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pipeline.workers");
    }

    @Test
    void load_badYaml_namesLine() throws IOException {
        Path file = write("server:\n  port: 7070\n bad: [\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":")
                .hasMessageContaining("YAML");
    }

    @Test
    void load_badRedisUrl_isNamed() throws IOException {
        Path file = write("redis:\n  url: http://localhost:6379\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("redis.url");
    }

    @Test
    void load_missingFile_saysSo() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml: no such file");
    }

    @Test
    void load_unknownZone_isNamed() throws IOException {
        Path file = write("zone: Mars/Olympus\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("zone")
                .hasMessageContaining("Mars/Olympus");
    }

    @Test
    void load_shippedSample_hasAllTownsAndPeople() {
        AppConfig config = new ConfigLoader(Map.of()).load(Path.of("config/shangliang.yaml"));

        assertThat(config.regionsModel().towns()).hasSize(18);
        assertThat(config.categories()).isNotEmpty();
        assertThat(config.peopleModel().all()).isNotEmpty();
    }

    @Test
    void load_staffWithoutScope_namesTheEntry() throws IOException {
        Path file = write("regions:\n  - {town: 青阳镇, code: QY, villages: [里庄村]}\n"
                + "people:\n  - {id: s1, role: staff, accounts: [\"wecom:a\"]}\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("people")
                .hasMessageContaining("staff s1 needs a scope");
    }

    @Test
    void load_unknownPlaceOrDuplicateCode_namesTheEntry() throws IOException {
        Path unknown = write("regions:\n  - {town: 青阳镇, code: QY, villages: [里庄村]}\n"
                + "people:\n  - {id: s1, role: staff, scope: 青阳镇/火星村}\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(unknown))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown place 青阳镇/火星村");

        Path duplicate = write("regions:\n  - {town: 青阳镇, code: QY}\n  - {town: 璜土镇, code: QY}\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(duplicate))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("regions")
                .hasMessageContaining("code QY is used by two towns");
    }

    @Test
    void load_shippedSample_roomsHaveStructuredHours() {
        AppConfig config = new ConfigLoader(Map.of()).load(Path.of("config/shangliang.yaml"));
        var lizhuang = config.roomsModel().stream()
                .filter(r -> r.id().equals("qy-lizhuang"))
                .findFirst()
                .orElseThrow();

        assertThat(lizhuang.hours().text()).isEqualTo("周一至周六 8:30-16:30");
        assertThat(lizhuang.hours().openOn(java.time.LocalDate.of(2026, 12, 5)))
                .as("Saturday")
                .isTrue();
        assertThat(lizhuang.hours().openOn(java.time.LocalDate.of(2026, 12, 6)))
                .as("Sunday")
                .isFalse();
    }

    @Test
    void load_badOpeningHours_namesFileRoomKeyAndValue() throws IOException {
        String rooms = "regions:\n  - {town: 青阳镇, code: QY}\nrooms:\n"
                + "  - {id: qy-town, place: 青阳镇, hours: {text: x, open: [{days: %s, from: \"%s\", to: \"17:00\"}]}}\n";
        Path badDay = write(rooms.formatted("mon-fry", "08:30"));
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(badDay))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(badDay.toString())
                .hasMessageContaining("rooms.qy-town.hours")
                .hasMessageContaining("mon-fry");
        Path badTime = write(rooms.formatted("mon-fri", "8h30"));
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(badTime))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rooms.qy-town.hours")
                .hasMessageContaining("8h30");
        Path backwards = write(rooms.formatted("mon-fri", "18:00"));
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(backwards))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("18:00-17:00");
    }

    @Test
    void load_relativePathsInAFile_resolveAgainstThatFilesDirectory() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("etc"));
        Path file = sub.resolve("site.yaml");
        Files.writeString(file, "data_dir: ../var/data\nintents_dir: my-intents\nsynonyms_file: syn.txt\n");

        AppConfig config = new ConfigLoader(Map.of()).load(file);

        assertThat(Path.of(config.dataDir())).isEqualTo(dir.resolve("var/data").toAbsolutePath());
        assertThat(config.intentsPath()).isEqualTo(sub.resolve("my-intents").toAbsolutePath());
        assertThat(config.synonymsPath()).isEqualTo(sub.resolve("syn.txt").toAbsolutePath());
    }

    @Test
    void load_dataDirFromTheEnvironment_staysRelativeToTheWorkingDirectory() throws IOException {
        AppConfig config =
                new ConfigLoader(Map.of("SHANGLIANG_DATA", "here/data")).load(write("data_dir: elsewhere\n"));

        assertThat(config.dataDir()).isEqualTo("here/data");
    }

    @Test
    void loadBuiltIn_theJarsOwnSample_namesItsOwnIntentsAndSynonyms() {
        AppConfig config = new ConfigLoader(
                        Map.of("SHANGLIANG_TOKEN_STAFF_QY", "t-qy", "SHANGLIANG_TOKEN_LEADERSHIP", "t-l"))
                .loadBuiltIn();

        assertThat(config.dataDir()).isEqualTo("./data");
        assertThat(Files.isDirectory(config.intentsPath())).isTrue();
        assertThat(Files.isRegularFile(config.synonymsPath())).isTrue();
        assertThat(Understanding.nluData(config).examples()).isNotEmpty();
        assertThat(config.apiTokens().apply("t-qy")).isPresent();
        assertThat(config.leadershipTokens()).containsExactly("t-l");
    }

    @Test
    void load_symlinkedIntentsDirectory_trainsOnItsExamples() throws IOException {
        Path link = Files.createSymbolicLink(
                dir.resolve("intents"), Path.of("intents").toAbsolutePath());
        Path file = write("intents_dir: intents\n");

        AppConfig config = new ConfigLoader(Map.of()).load(file);

        assertThat(config.intentsPath()).isEqualTo(link.toAbsolutePath());
        assertThat(Understanding.nluData(config).examples()).isNotEmpty();
    }

    @Test
    void sample_givesEveryStaffAndLeadershipEntryATokenEnv() throws IOException {
        var people = new com.fasterxml.jackson.databind.ObjectMapper(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(Files.readString(Path.of("config/shangliang.yaml")))
                .path("people");
        assertThat(people).isNotEmpty();
        for (var person : people) {
            String role = person.path("role").asText();
            if (role.equals("staff") || role.equals("leadership")) {
                assertThat(person.path("token_env").asText())
                        .as(person.path("id").asText())
                        .isNotBlank();
            }
        }
    }
}
