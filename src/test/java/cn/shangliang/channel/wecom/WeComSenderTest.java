package cn.shangliang.channel.wecom;

import static cn.shangliang.testing.FakeWeixinApi.body;
import static cn.shangliang.testing.FakeWeixinApi.token;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.channel.ChannelSender.SendResult;
import cn.shangliang.channel.Outbound;
import cn.shangliang.channel.weixin.WxApi;
import cn.shangliang.testing.FakeWeixinApi;
import cn.shangliang.testing.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** message/send against a fake WeCom API: token cache and refresh, errcode decisions, long replies in pieces. */
class WeComSenderTest {

    private final FakeWeixinApi api = new FakeWeixinApi();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T08:00:00Z"), ZoneId.of("UTC"));
    private final HttpUrl base = HttpUrl.get(api.baseUrl());
    private final WeComSender sender = new WeComSender(
            new WxApi(
                    new OkHttpClient(),
                    new ObjectMapper(),
                    WeComSender.tokenUrl(base, "wwcorp", "s3cret"),
                    clock,
                    Duration.ofMinutes(5)),
            base,
            1000002);

    @AfterEach
    void stop() {
        api.close();
    }

    private static Outbound reply(String id, String text) {
        return new Outbound(id, "wecom", "wangmin", text, "m-1", 1, 1, Instant.EPOCH);
    }

    @Test
    void send_postsTextToTheMemberWithAgentId_usingTheCorpToken() {
        assertThat(sender.send(reply("r1", "您好"))).isEqualTo(new SendResult.Sent());

        var request = api.nextSend();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/cgi-bin/message/send");
        assertThat(token(request)).isEqualTo("token-1");
        var json = body(request);
        assertThat(json.get("touser").asText()).isEqualTo("wangmin");
        assertThat(json.get("msgtype").asText()).isEqualTo("text");
        assertThat(json.get("agentid").isInt()).isTrue();
        assertThat(json.get("agentid").asInt()).isEqualTo(1000002);
        assertThat(json.get("text").get("content").asText()).isEqualTo("您好");
        var tokenUrl = api.tokenRequest().getUrl();
        assertThat(tokenUrl.queryParameter("corpid")).isEqualTo("wwcorp");
        assertThat(tokenUrl.queryParameter("corpsecret")).isEqualTo("s3cret");
    }

    @Test
    void token_isCachedUntilShortlyBeforeExpiry() {
        sender.send(reply("r1", "a"));
        sender.send(reply("r2", "b"));
        assertThat(api.tokenFetches()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(7200 - 301));
        sender.send(reply("r3", "c"));
        assertThat(api.tokenFetches()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        sender.send(reply("r4", "d"));
        assertThat(api.tokenFetches()).isEqualTo(2);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tokens.add(token(api.nextSend()));
        }
        assertThat(tokens).containsExactly("token-1", "token-1", "token-1", "token-2");
    }

    @Test
    void expiredToken42001_isRefreshedOnce_andTheSendRepeated() {
        api.answerSends("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");

        assertThat(sender.send(reply("r1", "您好"))).isEqualTo(new SendResult.Sent());

        assertThat(token(api.nextSend())).isEqualTo("token-1");
        assertThat(token(api.nextSend())).isEqualTo("token-2");
        assertThat(api.tokenFetches()).isEqualTo(2);
    }

    @Test
    void invalidToken40014_twice_isRetryLater_withoutAThirdCall() {
        api.answerSends(
                "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}",
                "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}");

        assertThat(sender.send(reply("r1", "您好"))).isInstanceOf(SendResult.RetryLater.class);

        assertThat(api.sendCount()).isEqualTo(2);
    }

    @Test
    void busyAndQuota_areRetryLater() {
        api.answerSends(
                "{\"errcode\":-1,\"errmsg\":\"system busy\"}",
                "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");

        assertThat(sender.send(reply("r1", "x"))).isInstanceOf(SendResult.RetryLater.class);
        assertThat(sender.send(reply("r2", "x"))).isInstanceOf(SendResult.RetryLater.class);
    }

    @Test
    void serverError_isRetryLater() {
        api.answerSend(503, "busy");

        var result = sender.send(reply("r1", "x"));

        assertThat(result).isInstanceOf(SendResult.RetryLater.class);
    }

    @Test
    void invalidUsers_arePermanent() {
        api.answerSends(
                "{\"errcode\":81013,\"errmsg\":\"user & party & tag all invalid\"}",
                "{\"errcode\":60111,\"errmsg\":\"userid not found\"}",
                "{\"errcode\":40003,\"errmsg\":\"invalid userid\"}",
                "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"wangmin\"}");

        for (int i = 0; i < 4; i++) {
            assertThat(sender.send(reply("r" + i, "x"))).isInstanceOf(SendResult.Permanent.class);
        }
        assertThat(api.sendCount()).isEqualTo(4);
    }

    @Test
    void errmsgIsNeverConsulted_onlyErrcode() {
        api.answerSends("{\"errcode\":0,\"errmsg\":\"invalid access_token\"}");

        assertThat(sender.send(reply("r1", "x"))).isEqualTo(new SendResult.Sent());
    }

    @Test
    void longReply_goesOutInPiecesInOrder_andARetryDoesNotRepeatDeliveredPieces() {
        String line = "字".repeat(600); // 1,800 bytes a line
        String text = line + "\n" + "二".repeat(600) + "\n" + "三".repeat(600);
        api.answerSends("{\"errcode\":0}", "{\"errcode\":-1,\"errmsg\":\"system busy\"}");

        assertThat(sender.send(reply("long", text))).isInstanceOf(SendResult.RetryLater.class);
        assertThat(sender.send(reply("long", text))).isEqualTo(new SendResult.Sent());

        List<String> contents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            contents.add(body(api.nextSend()).get("text").get("content").asText());
        }
        assertThat(contents).containsExactly(line, "二".repeat(600), "二".repeat(600), "三".repeat(600));
    }

    @Test
    void badCredentials_atTheTokenEndpoint_arePermanent() {
        var wrong = new WeComSender(
                new WxApi(
                        new OkHttpClient(),
                        new ObjectMapper(),
                        base.newBuilder()
                                .addPathSegments("cgi-bin/gettoken-broken")
                                .build(),
                        clock,
                        Duration.ofMinutes(5)),
                base,
                1);
        api.answerSends("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");

        var result = wrong.send(reply("r1", "x"));

        assertThat(result).isInstanceOf(SendResult.Permanent.class);
        assertThat(((SendResult.Permanent) result).reason()).startsWith("access token: errcode 40001");
    }
}
