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
        first.closeBlockingQuietly();

        String missed = newId("missed");
        server.app()
                .inboundQueue()
                .enqueue(new Inbound(WebChatHub.CHANNEL, missed, uid, "", "桥上的栏杆松了", Instant.now(), Map.of()));
        Inbox inbox = server.app().inbox();
        await().atMost(ChatClient.PATIENCE)
                .until(() ->
                        !inbox.after(WebChatHub.CHANNEL, uid, lastEntry, 10).isEmpty());

        ChatClient again = ready(uid, lastEntry);

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
    void flood_closesTheFlooder_othersKeepWorking() {
        ChatClient flooder = ready(newUid(), null);
        ChatClient other = ready(newUid(), null);

        for (int i = 0; i < 40 && flooder.tryMessage(newId("flood" + i), "刷屏" + i); i++) {}

        flooder.awaitClosed();
        assertThat(flooder.closeCode()).isEqualTo(1008);
        assertThat(flooder.frames("ack")).hasSizeLessThanOrEqualTo(30);
        assertRoundTrip(other);
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
}
