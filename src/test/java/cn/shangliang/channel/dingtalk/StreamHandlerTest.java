package cn.shangliang.channel.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.InboundQueue;
import cn.shangliang.channel.Outbound;
import cn.shangliang.channel.PipelineMetrics;
import cn.shangliang.testing.Gen;
import cn.shangliang.testing.Properties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamHandlerTest {

    private static final Instant NOW = Instant.ofEpochMilli(1683362492940L);

    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock = Clock.fixed(NOW, ZoneId.of("Asia/Shanghai"));
    private final FakeQueue queue = new FakeQueue();
    private final HeldBack heldBack = new HeldBack(queue);
    private final SessionWebhooks webhooks = new SessionWebhooks(clock, 100);
    private final StreamHandler handler =
            new StreamHandler(mapper, queue, new PipelineMetrics(new SimpleMeterRegistry()), clock, webhooks, heldBack);

    private static String fixture(String name) throws IOException {
        try (InputStream in = StreamHandlerTest.class.getResourceAsStream("StreamHandlerTest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String reply(StreamHandler.Reaction reaction) {
        assertThat(reaction).isInstanceOf(StreamHandler.Reaction.Reply.class);
        return ((StreamHandler.Reaction.Reply) reaction).frame();
    }

    @Test
    void parse_robotCallback_keepsHeadersAndDataString() throws IOException {
        StreamFrame frame =
                StreamFrame.parse(mapper, fixture("robot-callback.json")).orElseThrow();

        assertThat(frame.type()).isEqualTo("CALLBACK");
        assertThat(frame.topic()).isEqualTo("/v1.0/im/bot/messages/get");
        assertThat(frame.messageId()).isEqualTo("213f1d00_853_187b7df781f_225d");
        assertThat(frame.headers()).containsEntry("connectionId", "conn-1").containsEntry("time", "1683362492940");
        assertThat(mapper.readTree(frame.data()).path("msgId").asText()).isEqualTo("msgqEufncv9gVqy7ia60LYs3w==");
    }

    @Test
    void parse_notAFrame_isEmpty() {
        assertThat(StreamFrame.parse(mapper, "{oops")).isEmpty();
        assertThat(StreamFrame.parse(mapper, "{\"headers\":{}}")).isEmpty();
    }

    @Test
    void robotCallback_isQueuedThenAckedInTheDocumentedFormat() throws IOException {
        String ack = reply(handler.handle(fixture("robot-callback.json")));

        assertThat(ack)
                .isEqualTo(
                        "{\"code\":200,\"headers\":{\"contentType\":\"application/json\",\"messageId\":"
                                + "\"213f1d00_853_187b7df781f_225d\"},\"message\":\"OK\",\"data\":\"{\\\"response\\\":null}\"}");
        assertThat(queue.queued).hasSize(1);
        Inbound inbound = queue.queued.get(0);
        assertThat(inbound.key()).isEqualTo("dingtalk:msgqEufncv9gVqy7ia60LYs3w==");
        assertThat(inbound.userId()).isEqualTo("01426861-1254332033");
        assertThat(inbound.text()).isEqualTo("ss");
        assertThat(inbound.userName()).isEqualTo("小王");
        assertThat(webhooks.fresh("msgqEufncv9gVqy7ia60LYs3w==")).isPresent();
    }

    @Test
    void replayedRobotMessage_isAckedAgainButQueuedOnce() throws IOException {
        String frame = fixture("robot-callback.json");
        String replay = frame.replace("213f1d00_853_187b7df781f_225d", "213f1d00_853_187b7df781f_9999");

        reply(handler.handle(frame));
        String ack = reply(handler.handle(replay));

        assertThat(mapper.readTree(ack).path("code").asInt()).isEqualTo(200);
        assertThat(mapper.readTree(ack).path("headers").path("messageId").asText())
                .isEqualTo("213f1d00_853_187b7df781f_9999");
        assertThat(queue.queued).hasSize(1);
    }

    @Test
    void redisDown_isNotAckedAsSuccess() throws IOException {
        queue.down = true;

        String answer = reply(handler.handle(fixture("robot-callback.json")));

        assertThat(mapper.readTree(answer).path("code").asInt()).isEqualTo(500);
        assertThat(queue.queued).isEmpty();
        // DingTalk does not push robot messages again: it waits in memory and is queued once Redis is back
        assertThat(heldBack.size()).isEqualTo(1);
        assertThat(heldBack.retryNow()).isZero();
        queue.down = false;
        assertThat(heldBack.retryNow()).isEqualTo(1);
        assertThat(queue.queued).hasSize(1);
        assertThat(heldBack.size()).isZero();
    }

    @Test
    void ping_isAnsweredWithItsDataEchoed() {
        String ping = "{\"specVersion\":\"1.0\",\"type\":\"SYSTEM\",\"headers\":{\"topic\":\"ping\","
                + "\"messageId\":\"213d841d_972_1898bb26334_70a7\",\"contentType\":\"application/json\","
                + "\"time\":\"1690106592000\"},\"data\":\"{\\\"opaque\\\" : \\\"123-dsfs\\\"}\"}";

        assertThat(reply(handler.handle(ping)))
                .isEqualTo("{\"code\":200,\"headers\":{\"contentType\":\"application/json\",\"messageId\":"
                        + "\"213d841d_972_1898bb26334_70a7\"},\"message\":\"OK\","
                        + "\"data\":\"{\\\"opaque\\\" : \\\"123-dsfs\\\"}\"}");
    }

    @Test
    void disconnect_isNotAnsweredAndAsksForANewConnection() {
        String disconnect = "{\"type\":\"SYSTEM\",\"headers\":{\"topic\":\"disconnect\",\"contentType\":"
                + "\"application/json\"},\"data\":\"{\\\"reason\\\" : \\\"connection is expired\\\"}\"}";

        assertThat(handler.handle(disconnect))
                .isEqualTo(new StreamHandler.Reaction.Reconnect("{\"reason\" : \"connection is expired\"}"));
    }

    @Test
    void eventsAreAckedSuccessAndOtherCallbackTopics404() throws IOException {
        String event = "{\"specVersion\":\"1.0\",\"type\":\"EVENT\",\"headers\":{\"topic\":\"*\",\"messageId\":\"e-1\","
                + "\"eventType\":\"user_add_org\"},\"data\":\"{}\"}";
        String card = "{\"specVersion\":\"1.0\",\"type\":\"CALLBACK\",\"headers\":{\"topic\":"
                + "\"/v1.0/card/instances/callback\",\"messageId\":\"c-1\"},\"data\":\"{}\"}";

        assertThat(reply(handler.handle(event)))
                .isEqualTo(
                        "{\"code\":200,\"headers\":{\"contentType\":\"application/json\",\"messageId\":\"e-1\"},"
                                + "\"message\":\"OK\",\"data\":\"{\\\"status\\\":\\\"SUCCESS\\\",\\\"message\\\":\\\"success\\\"}\"}");
        assertThat(mapper.readTree(reply(handler.handle(card))).path("code").asInt())
                .isEqualTo(404);
        assertThat(handler.handle("{\"type\":\"SYSTEM\",\"headers\":{\"topic\":\"KEEPALIVE\"}}"))
                .isInstanceOf(StreamHandler.Reaction.Silent.class);
        assertThat(queue.queued).isEmpty();
    }

    @Test
    void badRobotData_isAnswered400AndNotQueued() throws IOException {
        String bad =
                "{\"type\":\"CALLBACK\",\"headers\":{\"topic\":\"/v1.0/im/bot/messages/get\",\"messageId\":\"b-1\"},"
                        + "\"data\":\"not json\"}";

        assertThat(mapper.readTree(reply(handler.handle(bad))).path("code").asInt())
                .isEqualTo(400);
        assertThat(queue.queued).isEmpty();
    }

    @Test
    void uri_carriesTheTicketUrlEncoded() throws IOException {
        assertThat(StreamGateway.uri("wss://wss-open-connection.dingtalk.com:443/connect", "a b+c/d")
                        .toString())
                .isEqualTo("wss://wss-open-connection.dingtalk.com:443/connect?ticket=a+b%2Bc%2Fd");
    }

    /** Dedup by key, like the Redis queue; {@code down} makes it throw like Redis away. */
    private static final class FakeQueue implements InboundQueue {
        final List<Inbound> queued = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        boolean down;

        @Override
        public EnqueueResult enqueue(Inbound message) {
            if (down) {
                throw new IllegalStateException("Redis unavailable");
            }
            if (!seen.add(message.key())) {
                return new EnqueueResult.Duplicate();
            }
            queued.add(message);
            return new EnqueueResult.Accepted("1-" + queued.size());
        }

        @Override
        public List<Delivery> read(int reader, String consumer, int max, Duration block) {
            return List.of();
        }

        @Override
        public List<Delivery> reclaim(String consumer, Duration minIdle, int max) {
            return List.of();
        }

        @Override
        public boolean complete(Delivery delivery, List<Outbound> replies) {
            return true;
        }

        @Override
        public boolean isComplete(Inbound message) {
            return false;
        }

        @Override
        public void deadLetter(Delivery delivery, String reason) {}
    }

    /** Any frame text: a reaction, never an exception that would drop the stream connection. */
    @Test
    void handle_anyFrame_reactsWithoutThrowing() {
        Properties.forAll(
                frames(), 300, frame -> assertThat(handler.handle(frame)).isNotNull());
    }

    private Gen<String> frames() {
        Gen<String> data = cn.shangliang.channel.WebhookVerdicts.robotCallbacks()
                .map(d -> {
                    try {
                        return mapper.writeValueAsString(d);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                });
        Gen<String> type = Gen.of("\"SYSTEM\"", "\"EVENT\"", "\"CALLBACK\"", "\"x\"", "1", "null");
        Gen<String> topic = Gen.of("\"ping\"", "\"disconnect\"", "\"/v1.0/im/bot/messages/get\"", "\"\"", "[]", "null");
        Gen<String> ids = Gen.strings(10);
        Gen<String> frame = r -> {
            String t = type.next(r);
            String tp = topic.next(r);
            String d = data.next(r);
            String id = ids.next(r);
            return "{\"specVersion\":\"1.0\",\"type\":" + t + ",\"headers\":{\"topic\":" + tp + ",\"messageId\":\""
                    + id.replace("\\", "").replace("\"", "") + "\"},\"data\":" + d + "}";
        };
        return Gen.oneOf(frame, cn.shangliang.channel.WebhookVerdicts.jsonValues());
    }
}
