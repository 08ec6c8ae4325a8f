package cn.shangliang.channel.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RobotCallbackTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private final ObjectMapper mapper = new ObjectMapper();

    private ObjectNode fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("RobotCallbackTest/" + name)) {
            return (ObjectNode) mapper.readTree(in);
        }
    }

    @Test
    void parse_officialGroupExample_isTextFromTheStaffMember() throws IOException {
        var parsed = RobotCallback.parse(fixture("group-text.json"), NOW);

        assertThat(parsed).isInstanceOf(RobotCallback.Parsed.Message.class);
        var message = (RobotCallback.Parsed.Message) parsed;
        assertThat(message.inbound().channel()).isEqualTo("dingtalk");
        assertThat(message.inbound().messageId()).isEqualTo("msg0xxxxx");
        assertThat(message.inbound().userId()).isEqualTo("user123");
        assertThat(message.inbound().userName()).isEqualTo("杨xx");
        assertThat(message.inbound().text()).isEqualTo("你好"); // leading space of the @mention stripped
        assertThat(message.inbound().receivedAt()).isEqualTo(NOW);
        assertThat(message.inbound().attributes()).isEmpty();
        assertThat(message.session())
                .hasValue(new SessionWebhook(
                        "https://oapi.dingtalk.com/robot/sendBySession?session=xxxxx",
                        Instant.ofEpochMilli(1613635652738L),
                        true,
                        "user123"));
    }

    @Test
    void parse_noStaffId_usesTheEncryptedSenderId() throws IOException {
        ObjectNode node = fixture("group-text.json");
        node.remove("senderStaffId");
        node.put("conversationType", "1");

        var message = (RobotCallback.Parsed.Message) RobotCallback.parse(node, NOW);

        assertThat(message.inbound().userId()).isEqualTo("$:LWCP_v1:$Ff09GIxxxxx");
        assertThat(message.session().orElseThrow().group()).isFalse();
        assertThat(message.session().orElseThrow().atUserId()).isEmpty();
    }

    @Test
    void parse_picture_isIgnored() throws IOException {
        assertThat(RobotCallback.parse(fixture("picture.json"), NOW))
                .isEqualTo(new RobotCallback.Parsed.Ignored("msgtype 'picture' is not handled"));
    }

    @Test
    void parse_badShapes_areInvalid() throws IOException {
        ObjectNode noId = fixture("group-text.json");
        noId.remove("msgId");
        ObjectNode noSender = fixture("group-text.json");
        noSender.remove("senderStaffId");
        noSender.remove("senderId");
        ObjectNode textNotString = fixture("group-text.json");
        textNotString.putObject("text").put("content", 5);
        ObjectNode onlyMention = fixture("group-text.json");
        onlyMention.putObject("text").put("content", " ");
        ObjectNode tooLong = fixture("group-text.json");
        tooLong.putObject("text").put("content", "字".repeat(4001));

        assertThat(RobotCallback.parse(mapper.readTree("[1]"), NOW))
                .isEqualTo(new RobotCallback.Parsed.Invalid(400, "callback must be a JSON object"));
        assertThat(RobotCallback.parse(noId, NOW))
                .isEqualTo(new RobotCallback.Parsed.Invalid(400, "msgId must be a non-empty string"));
        assertThat(RobotCallback.parse(noSender, NOW))
                .isEqualTo(new RobotCallback.Parsed.Invalid(400, "neither senderStaffId nor senderId is given"));
        assertThat(RobotCallback.parse(textNotString, NOW))
                .isEqualTo(new RobotCallback.Parsed.Invalid(400, "text.content must be a string"));
        assertThat(RobotCallback.parse(onlyMention, NOW))
                .isEqualTo(new RobotCallback.Parsed.Invalid(422, "text is empty"));
        assertThat(RobotCallback.parse(tooLong, NOW))
                .isInstanceOfSatisfying(
                        RobotCallback.Parsed.Invalid.class,
                        i -> assertThat(i.status()).isEqualTo(422));
    }

    @Test
    void parse_sessionWebhookMissingOrNotHttp_givesNoSession() throws IOException {
        ObjectNode missing = fixture("group-text.json");
        missing.remove("sessionWebhook");
        ObjectNode notHttp = fixture("group-text.json");
        notHttp.put("sessionWebhook", "file:///etc/passwd");
        ObjectNode noExpiry = fixture("group-text.json");
        noExpiry.remove("sessionWebhookExpiredTime");

        for (JsonNode node : new JsonNode[] {missing, notHttp, noExpiry}) {
            var message = (RobotCallback.Parsed.Message) RobotCallback.parse(node, NOW);
            assertThat(message.session()).isEmpty();
        }
    }

    @Test
    void parse_audioWithRecognition_isItsWords_markedAsVoice() throws IOException {
        var message = (RobotCallback.Parsed.Message) RobotCallback.parse(fixture("audio.json"), NOW);

        assertThat(message.inbound().messageId()).isEqualTo("msgaudio01");
        assertThat(message.inbound().userId()).isEqualTo("user456");
        assertThat(message.inbound().text()).isEqualTo("村口的路灯坏了");
        assertThat(message.inbound().attribute(cn.shangliang.channel.Inbound.VOICE))
                .isEqualTo(cn.shangliang.channel.Inbound.VOICE_RECOGNISED);
    }

    @Test
    void parse_audioWithoutRecognition_isEmpty_markedUnrecognised() throws IOException {
        var message = (RobotCallback.Parsed.Message) RobotCallback.parse(fixture("audio-unrecognised.json"), NOW);

        assertThat(message.inbound().text()).isEmpty();
        assertThat(message.inbound().attribute(cn.shangliang.channel.Inbound.VOICE))
                .isEqualTo(cn.shangliang.channel.Inbound.VOICE_UNRECOGNISED);
    }
}
