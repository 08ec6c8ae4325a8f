package cn.shangliang.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.Application;
import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.TextLimits;
import cn.shangliang.channel.WebhookAdapter;
import cn.shangliang.testing.Gen;
import cn.shangliang.testing.Properties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Update parsing and the secret check, on recorded Bot API updates (src/test/resources/…/TelegramWebhookTest). */
class TelegramWebhookTest {

    static final String SECRET = "s3cret_Token-for-tests";
    static final String TOKEN = "7000000001:AAEtestTokenForShangliangOnly_x";
    private static final Instant NOW = Instant.parse("2026-11-26T04:00:00Z");
    private static final ObjectMapper MAPPER = Application.objectMapper();

    private final TelegramWebhook webhook = webhook("shangliang_bot");

    private static TelegramWebhook webhook(String username) {
        return new TelegramWebhook(new TelegramSettings(TOKEN, SECRET, username, null), MAPPER);
    }

    static String fixture(String name) {
        try (InputStream in = TelegramWebhookTest.class.getResourceAsStream("TelegramWebhookTest/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WebhookAdapter.Request post(String body, String secret) {
        return post(body.getBytes(StandardCharsets.UTF_8), secret);
    }

    private static WebhookAdapter.Request post(byte[] body, String secret) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (secret != null) {
            headers.put(SecretToken.HEADER, secret);
        }
        return new WebhookAdapter.Request("POST", Map.of(), headers, body, NOW);
    }

    private Inbound accepted(String body) {
        return accepted(webhook, body);
    }

    private static Inbound accepted(TelegramWebhook webhook, String body) {
        WebhookAdapter.Verdict verdict = webhook.handle(post(body, SECRET));
        assertThat(verdict).isInstanceOf(WebhookAdapter.Verdict.Enqueue.class);
        var enqueue = (WebhookAdapter.Verdict.Enqueue) verdict;
        assertThat(enqueue.accepted().status()).isEqualTo(200);
        assertThat(enqueue.accepted().body())
                .as("a 2xx body would be run as a Bot API call")
                .isEmpty();
        assertThat(enqueue.duplicate().status()).isEqualTo(200);
        return enqueue.message();
    }

    private void assertIgnored(String body) {
        WebhookAdapter.Verdict verdict = webhook.handle(post(body, SECRET));
        assertThat(verdict).isInstanceOf(WebhookAdapter.Verdict.Answer.class);
        assertThat(((WebhookAdapter.Verdict.Answer) verdict).response().status())
                .as("200, so that Telegram does not redeliver it")
                .isEqualTo(200);
    }

    private int rejected(WebhookAdapter.Request request) {
        WebhookAdapter.Verdict verdict = webhook.handle(request);
        assertThat(verdict).isInstanceOf(WebhookAdapter.Verdict.Reject.class);
        return ((WebhookAdapter.Verdict.Reject) verdict).response().status();
    }

    private static String privateText(long updateId, String text) {
        return """
                {"update_id": %d, "message": {"message_id": 9, "date": 1764130000,
                 "from": {"id": 5099887766, "is_bot": false, "first_name": "Lee"},
                 "chat": {"id": 5099887766, "type": "private"}, "text": %s}}
                """.formatted(updateId, MAPPER.valueToTree(text).toString());
    }

    @Test
    void privateText_becomesInboundFromTheChat() {
        Inbound in = accepted(fixture("private_text.json"));

        assertThat(in.channel()).isEqualTo("telegram");
        assertThat(in.messageId()).isEqualTo("815790001");
        assertThat(in.userId()).isEqualTo("5099887766");
        assertThat(in.userName()).isEqualTo("Lee Wang");
        assertThat(in.text()).isEqualTo("The street light on Lizhuang Road is broken");
        assertThat(in.receivedAt()).isEqualTo(NOW);
        assertThat(in.attributes()).containsExactly(Map.entry("lang", "en"));
    }

    @Test
    void start_passesThroughAsText_withChineseHint() {
        Inbound in = accepted(fixture("private_start.json"));

        assertThat(in.text()).isEqualTo("/start");
        assertThat(in.userName()).isEqualTo("小明");
        assertThat(in.attribute("lang")).isEqualTo("zh-hans");
    }

    @Test
    void deepLinkPayloadOfStart_isDropped() {
        String body = fixture("private_start.json").replace("\"/start\"", "\"/start qy-lizhuang\"");
        assertThat(accepted(body).text()).isEqualTo("/start");
    }

    @Test
    void languageOtherThanEnglishOrChinese_givesNoHint() {
        String body = fixture("private_text.json").replace("\"language_code\": \"en\"", "\"language_code\": \"de\"");
        assertThat(accepted(body).attributes()).isEmpty();
    }

    @Test
    void nameFallsBackToUsername() {
        String body = """
                {"update_id": 1, "message": {"message_id": 9, "date": 1764130000,
                 "from": {"id": 5, "is_bot": false, "first_name": "", "username": "lee"},
                 "chat": {"id": 5, "type": "private"}, "text": "hi"}}
                """;
        assertThat(accepted(body).userName()).isEqualTo("lee");
    }

    @Test
    void groupMention_isForTheBot_mentionStripped_traditionalCharactersKept() {
        Inbound in = accepted(fixture("group_mention.json"));

        assertThat(in.userId()).isEqualTo("-1001234567890:6012345678");
        assertThat(in.text()).isEqualTo("路燈壞了，晚上很黑");
        assertThat(in.userName()).isEqualTo("建国 张");
        assertThat(in.attribute("lang")).isEqualTo("zh-hant");
    }

    @Test
    void mentionInTheMiddle_isRemoved() {
        String body = fixture("group_mention.json").replace("@Shangliang_Bot 路燈壞了，晚上很黑", "路灯 @shangliang_bot 坏了");
        assertThat(accepted(body).text()).isEqualTo("路灯 坏了");
    }

    @Test
    void groupChatter_notAddressed_isIgnored() {
        assertIgnored(fixture("group_chatter.json"));
    }

    @Test
    void groupCommandForThisBot_isTakenWithoutTheBotName() {
        Inbound in = accepted(fixture("group_command.json"));

        assertThat(in.text()).isEqualTo("/help");
        assertThat(in.userId()).isEqualTo("-4012345678:6012345678");
    }

    @Test
    void groupCommandForAnotherBot_isIgnored() {
        assertIgnored(fixture("group_command_other_bot.json"));
    }

    @Test
    void bareCommandInGroup_isTaken() {
        String body = fixture("group_command.json").replace("/help@shangliang_bot", "/help");
        assertThat(accepted(body).text()).isEqualTo("/help");
    }

    @Test
    void replyToTheBotsMessage_inGroup_isTaken() {
        Inbound in = accepted(fixture("group_reply_to_bot.json"));
        assertThat(in.text()).isEqualTo("里庄村");
    }

    @Test
    void messageInForumTopicTheBotOpened_isNotAReplyToTheBot() {
        assertIgnored(fixture("forum_topic_message.json"));
    }

    @Test
    void withoutConfiguredUsername_replyToBotStillWorks_mentionDoesNot() {
        TelegramWebhook anonymous = webhook("");
        assertThat(accepted(anonymous, fixture("group_reply_to_bot.json")).text())
                .isEqualTo("里庄村");
        assertThat(anonymous.handle(post(fixture("group_mention.json"), SECRET)))
                .isInstanceOf(WebhookAdapter.Verdict.Answer.class);
    }

    @Test
    void updatesThatAreNotNewTextMessages_areAnswered200AndNotQueued() {
        assertIgnored(fixture("edited_message.json"));
        assertIgnored(fixture("sticker.json"));
        assertIgnored(fixture("channel_post.json"));
        assertIgnored(fixture("my_chat_member.json"));
        assertIgnored(fixture("from_other_bot.json"));
        assertIgnored("{\"update_id\": 815790099, \"callback_query\": {\"id\": \"1\", \"data\": \"x\"}}");
        assertIgnored("{\"update_id\": 815790098}");
    }

    @Test
    void mentionAlone_isIgnored() {
        assertIgnored(fixture("group_mention.json").replace("@Shangliang_Bot 路燈壞了，晚上很黑", "@shangliang_bot"));
    }

    @Test
    void photoCaption_isTakenAsText() {
        assertThat(accepted(fixture("photo_with_caption.json")).text()).isEqualTo("这里的路灯坏了");
    }

    @Test
    void emoji_passThroughIntact() {
        String text = "路灯坏了 💡😡 👨‍👩‍👧";
        assertThat(accepted(privateText(7, text)).text()).isEqualTo(text);
    }

    @Test
    void hugeText_isCutToTheTextLimitOnACodePointBoundary() {
        String text = "😡".repeat(4096);
        Inbound in = accepted(privateText(8, text));

        assertThat(in.text().codePointCount(0, in.text().length())).isEqualTo(TextLimits.MAX_TEXT);
        assertThat(in.text()).isEqualTo("😡".repeat(TextLimits.MAX_TEXT));
        assertThat(TextLimits.problem(in.text())).isEmpty();
    }

    @Test
    void largeUpdateIds_and64BitChatIds_areKeptExactly() {
        String body = privateText(9_007_199_254_740_993L, "hi").replace("5099887766", "9007199254740993");
        Inbound in = accepted(body);
        assertThat(in.messageId()).isEqualTo("9007199254740993");
        assertThat(in.userId()).isEqualTo("9007199254740993");
    }

    @Test
    void missingOrWrongSecret_is401() {
        String body = fixture("private_text.json");
        assertThat(rejected(post(body, null))).isEqualTo(401);
        assertThat(rejected(post(body, ""))).isEqualTo(401);
        assertThat(rejected(post(body, "wrong"))).isEqualTo(401);
        assertThat(rejected(post(body, SECRET + "x"))).isEqualTo(401);
        assertThat(rejected(post(body, SECRET.substring(1)))).isEqualTo(401);
        assertThat(rejected(post(body, SECRET.toUpperCase()))).isEqualTo(401);
    }

    @Test
    void secretIsCheckedBeforeTheBodyIsRead() {
        assertThat(rejected(post("{oops", "wrong"))).isEqualTo(401);
    }

    @Test
    void bodyThatIsNotAnUpdate_is400() {
        assertThat(rejected(post("{oops", SECRET))).isEqualTo(400);
        assertThat(rejected(post("[1,2]", SECRET))).isEqualTo(400);
        assertThat(rejected(post("", SECRET))).isEqualTo(400);
        assertThat(rejected(post(new byte[] {'{', '"', (byte) 0xFF, '"', '}'}, SECRET)))
                .isEqualTo(400);
        assertThat(rejected(post("{\"message\": {}}", SECRET))).isEqualTo(400);
        assertThat(rejected(post("{\"update_id\": \"12\"}", SECRET))).isEqualTo(400);
        assertThat(rejected(post("{\"update_id\": 1.5}", SECRET))).isEqualTo(400);
    }

    @Test
    void get_isRefused() {
        var get = new WebhookAdapter.Request("GET", Map.of(), Map.of(SecretToken.HEADER, SECRET), null, NOW);
        assertThat(rejected(get)).isEqualTo(405);
    }

    @Test
    void route_andLimits() {
        assertThat(webhook.path()).isEqualTo("/webhook/telegram");
        assertThat(webhook.channel()).isEqualTo("telegram");
        assertThat(webhook.maxBodyBytes()).isEqualTo(256 * 1024);
    }

    /** Any update body with the right secret: a 2xx or a 4xx answer, never an exception (which would be a 500). */
    @Test
    void handle_anyUpdate_answers2xxOr4xx() {
        Properties.forAll(updates(), 300, body -> {
            var verdict = webhook.handle(post(body, SECRET));
            assertThat(cn.shangliang.channel.WebhookVerdicts.status(verdict)).isBetween(200, 499);
        });
    }

    private static Gen<String> updates() {
        Gen<String> v = cn.shangliang.channel.WebhookVerdicts.jsonValues();
        Gen<String> update = r -> {
            String id = v.next(r);
            String chat = v.next(r);
            String from = v.next(r);
            String text = v.next(r);
            String date = v.next(r);
            return "{\"update_id\":" + id + ",\"message\":{\"message_id\":" + id + ",\"date\":" + date
                    + ",\"chat\":{\"id\":" + chat + ",\"type\":\"private\"}," + "\"from\":{\"id\":" + from
                    + ",\"is_bot\":false,\"first_name\":" + text + "},\"text\":" + text + "}}";
        };
        return Gen.oneOf(update, v);
    }

    @Test
    void privateVoice_isQueuedWithoutWords_markedUnrecognised_withTheLanguageHint() {
        Inbound in = accepted(fixture("private_voice.json"));

        assertThat(in.messageId()).isEqualTo("815790031");
        assertThat(in.text()).isEmpty();
        assertThat(in.attribute(Inbound.VOICE)).isEqualTo(Inbound.VOICE_UNRECOGNISED);
        assertThat(in.attribute("lang")).isEqualTo("zh-hans");
    }
}
