package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.Inbox;
import cn.shangliang.channel.webchat.WebChatHub;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web chat protocol over a real WebSocket against a real server and Redis. */
class WebChatIT {

    private static WebTestServer server;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = WebTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ChatClient::close);
    }

    private ChatClient ready(String uid, String since) {
        ChatClient client = ChatClient.ready(server.port(), uid, since);
        clients.add(client);
        return client;
    }

    private ChatClient ready(String uid, String since, String token) {
        ChatClient client = ChatClient.ready(server.port(), uid, since, token);
        clients.add(client);
        return client;
    }

    private static String newUid() {
        return "it-" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void message_isAcked_thenAnswered() {
        String uid = newUid();
        ChatClient client = ready(uid, null);
        assertThat(client.frames("hello").getFirst().path("user").asText()).isEqualTo(uid);
        String id = newId("m");

        client.message(id, "村口的路灯坏了好几天了");

        JsonNode ack = client.awaitAck(id);
        assertThat(ack.has("duplicate")).isFalse();
        JsonNode reply = client.awaitReplyTo(id);
        assertThat(reply.path("text").asText()).contains("哪个镇"); // no place known yet: the bot asks
        assertThat(reply.path("entry").asText()).isNotBlank();
    }

    @Test
    void voiceWithoutWords_isAcked_andAnsweredWithARequestToType() {
        ChatClient client = ready(newUid(), null);
        String id = newId("v");

        client.voice(id);

        client.awaitAck(id);
        assertThat(client.awaitReplyTo(id).path("text").asText()).contains("打字");
    }

    @Test
    void placeFromTheRoomLink_reachesTheConversation() {
        String uid = newUid();
        ChatClient client = ChatClient.connect(server.port(), uid, null, "青阳镇/里庄村");
        clients.add(client);
        String id = newId("m");

        client.message(id, "村口的路灯坏了好几天了");

        assertThat(client.awaitReplyTo(id).path("text").asText())
                .contains("青阳镇/里庄村")
                .contains("确认");
    }

    @Test
    void sameIdTwice_isAnsweredOnce_andSecondAckSaysDuplicate() {
        ChatClient client = ready(newUid(), null);
        String id = newId("dup");

        client.message(id, "垃圾站太臭了");
        client.awaitAck(id);
        client.message(id, "垃圾站太臭了");

        await().atMost(ChatClient.PATIENCE).until(() -> client.frames("ack").size() == 2);
        List<JsonNode> acks = client.frames("ack");
        assertThat(acks.get(0).path("duplicate").asBoolean(false)).isFalse();
        assertThat(acks.get(1).path("id").asText()).isEqualTo(id);
        assertThat(acks.get(1).path("duplicate").asBoolean(false)).isTrue();
        client.awaitReplyTo(id);
        // The duplicate was never queued, so once a later message is answered no second reply can follow.
        String marker = newId("after");
        client.message(marker, "还有一件事");
        client.awaitReplyTo(marker);
        assertThat(client.repliesTo(id)).hasSize(1);
    }

    @Test
    void reconnectWithSince_deliversReplyThatArrivedWhileDisconnected() {
        String uid = newUid();
        ChatClient first = ready(uid, null);
        String seen = newId("seen");
        first.message(seen, "停车位不够");
        String lastEntry = first.awaitReplyTo(seen).path("entry").asText();
        String token = first.token();
        first.closeBlockingQuietly();

        String missed = newId("missed");
        server.app()
                .inboundQueue()
                .enqueue(new Inbound(WebChatHub.CHANNEL, missed, uid, "", "桥上的栏杆松了", Instant.now(), Map.of()));
        Inbox inbox = server.app().inbox();
        await().atMost(ChatClient.PATIENCE)
                .until(() ->
                        !inbox.after(WebChatHub.CHANNEL, uid, lastEntry, 10).isEmpty());

        ChatClient again = ready(uid, lastEntry, token);

        JsonNode reply = again.awaitReplyTo(missed);
        assertThat(reply.path("entry").asText()).isNotEqualTo(lastEntry);
        assertThat(again.repliesTo(seen)).isEmpty();
    }

    @Test
    void oversizedFrame_closesThatConnection_othersKeepWorking() {
        ChatClient big = ready(newUid(), null);
        ChatClient other = ready(newUid(), null);

        big.message(newId("big"), "长".repeat(6000)); // 18,000 bytes of UTF-8, over the 16 KiB frame limit

        big.awaitClosed();
        assertThat(big.closeCode()).isEqualTo(1009);
        assertRoundTrip(other);
    }

    @Test
    void overTheUidLimit_isRefusedWithAFrame_notAcked_notQueued() {
        ChatClient flooder = ready(newUid(), null);
        ChatClient other = ready(newUid(), null);

        for (int i = 0; i < 40; i++) {
            flooder.message("flood-" + i, "刷屏" + i);
        }

        await().atMost(ChatClient.PATIENCE)
                .until(() ->
                        flooder.frames("ack").size() + flooder.frames("error").size() == 40);
        assertThat(flooder.frames("ack")).hasSize(30);
        List<JsonNode> refused = flooder.frames("error");
        assertThat(refused).hasSize(10).allSatisfy(f -> {
            assertThat(f.path("code").asText()).isEqualTo("rate_limited");
            assertThat(f.path("retry_after_ms").asLong()).isPositive();
        });
        String refusedId = refused.getFirst().path("id").asText();
        assertThat(server.app()
                        .inboundQueue()
                        .enqueue(new Inbound(
                                WebChatHub.CHANNEL, refusedId, "someone-else", "", "x", Instant.now(), Map.of())))
                .as("a refused message was never queued, so its id is not taken")
                .isInstanceOf(cn.shangliang.channel.InboundQueue.EnqueueResult.Accepted.class);
        assertThat(flooder.isOpen()).isTrue();
        assertRoundTrip(other);
    }

    @Test
    void oneUidOnEightConnections_getsNoMoreThanItsMinuteThrough() {
        String uid = newUid();
        ChatClient first = ready(uid, null);
        List<ChatClient> tabs = new ArrayList<>(List.of(first));
        for (int k = 1; k < 8; k++) {
            tabs.add(ready(uid, null, first.token()));
        }

        for (int k = 0; k < 8; k++) {
            for (int i = 0; i < 10; i++) {
                tabs.get(k).message("tab" + k + "-" + i, "你好" + i);
            }
        }

        await().atMost(ChatClient.PATIENCE)
                .until(() -> tabs.stream()
                                .mapToInt(t -> t.frames("ack").size()
                                        + t.frames("error").size())
                                .sum()
                        == 80);
        int acks = tabs.stream().mapToInt(t -> t.frames("ack").size()).sum();
        assertThat(acks).isEqualTo(30);
    }

    @Test
    void sinceWithoutTheSessionToken_readsNothing_andIsClosed() {
        String uid = newUid();
        ChatClient owner = ready(uid, null);
        String id = newId("private");
        owner.message(id, "我家门口的下水道堵了，电话13812345678");
        owner.awaitReplyTo(id);

        for (String token : new String[] {null, "forged-token", owner.token().substring(1) + "A"}) {
            ChatClient stranger = ChatClient.connect(server.port(), uid, "0", null, token);
            clients.add(stranger);
            stranger.awaitClosed();
            assertThat(stranger.closeCode()).isEqualTo(1008);
            assertThat(stranger.frames("reply")).isEmpty();
            assertThat(stranger.frames("hello")).isEmpty();
        }

        ChatClient returning = ready(uid, "0", owner.token());
        assertThat(returning.awaitReplyTo(id).path("text").asText()).isNotBlank();
    }

    @Test
    void helloOfANewUid_carriesTheSameTokenEveryTime() {
        String uid = newUid();
        ChatClient first = ready(uid, null);
        ChatClient second = ready(uid, null, first.token());

        assertThat(first.token()).hasSize(43).isEqualTo(second.token());
    }

    @Test
    void hello_namesThePresetPlace_onlyWhenItIsAConfiguredOne() {
        ChatClient known = ChatClient.connect(server.port(), newUid(), null, "青阳镇/里庄村");
        ChatClient unknown = ChatClient.connect(server.port(), newUid(), null, "不存在镇/某村");
        clients.add(known);
        clients.add(unknown);

        assertThat(known.awaitFrame(f -> f.path("type").asText().equals("hello"))
                        .path("place")
                        .asText())
                .isEqualTo("青阳镇/里庄村");
        assertThat(unknown.awaitFrame(f -> f.path("type").asText().equals("hello"))
                        .has("place"))
                .isFalse();
    }

    @Test
    void ping_isAnsweredWithPong_andDoesNotCountAsAMessage() {
        ChatClient client = ready(newUid(), null);

        for (int i = 0; i < 40; i++) {
            client.send("{\"type\":\"ping\"}");
        }

        await().atMost(ChatClient.PATIENCE).until(() -> client.frames("pong").size() == 40);
        assertThat(client.frames("error")).isEmpty();
        assertRoundTrip(client); // 40 pings are far above the flood limit, yet the connection stays open
    }

    @Test
    void badUid_isClosed() {
        ChatClient bad = ChatClient.connect(server.port(), "bad uid!", null);
        clients.add(bad);

        bad.awaitClosed();
        assertThat(bad.closeCode()).isEqualTo(1008);
        assertThat(bad.frames("hello")).isEmpty();
    }

    @Test
    void emptyText_isRefusedWithAnError() {
        ChatClient client = ready(newUid(), null);
        String id = newId("empty");

        client.message(id, "   ");

        JsonNode error = client.awaitFrame(f -> f.path("type").asText().equals("error"));
        assertThat(error.path("id").asText()).isEqualTo(id);
        assertThat(error.path("error").asText()).isNotBlank();
        assertThat(client.frames("ack")).isEmpty();
    }

    private static void assertRoundTrip(ChatClient client) {
        assertThat(client.isOpen()).isTrue();
        String id = newId("ok");
        client.message(id, "你好");
        client.awaitAck(id);
        client.awaitReplyTo(id);
    }

    @Test
    void deleteMyData_afterConfirming_erasesTheIdentityOnTheIssue_andTheProfile() {
        String uid = newUid();
        ChatClient client = ChatClient.connect(server.port(), uid, null, "青阳镇/里庄村");
        clients.add(client);
        String concern = newId("concern");
        client.message(concern, "村口的路灯坏了好几天了，我电话13812345678");
        client.awaitReplyTo(concern);
        String yes = newId("yes");
        client.message(yes, "确认");
        String filed = client.awaitReplyTo(yes).path("text").asText();
        java.util.regex.Matcher number =
                java.util.regex.Pattern.compile("QY-\\d{8}-\\d{4}").matcher(filed);
        assertThat(number.find()).as(filed).isTrue();
        var issues = new cn.shangliang.store.RedisIssueStore(
                server.redis().client(), cn.shangliang.app.Application.objectMapper());
        assertThat(issues.load("QY", number.group()).orElseThrow().reporter()).isPresent();

        String ask = newId("ask");
        client.message(ask, "删除我的信息");
        assertThat(client.awaitReplyTo(ask).path("text").asText()).contains("1件事");
        String confirm = newId("confirm");
        client.message(confirm, "确认删除");
        assertThat(client.awaitReplyTo(confirm).path("text").asText()).contains("已删除");

        var issue = issues.load("QY", number.group()).orElseThrow();
        assertThat(issue.reporter()).isEmpty();
        assertThat(issue.rawText()).doesNotContain("13812345678");
        assertThat(issue.text()).contains("路灯");
        var redis = server.redis().client();
        assertThat(redis.exists(cn.shangliang.testing.Pipes.sessionIssues(WebChatHub.CHANNEL, uid)))
                .isFalse();
        assertThat(redis.hget(cn.shangliang.testing.Pipes.sessionProfile(WebChatHub.CHANNEL, uid), "place"))
                .isNullOrEmpty();
    }
}
