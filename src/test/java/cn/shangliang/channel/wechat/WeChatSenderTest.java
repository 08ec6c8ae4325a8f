package cn.shangliang.channel.wechat;

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
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Customer-service messages against a fake WeChat API. */
class WeChatSenderTest {

    private final FakeWeixinApi api = new FakeWeixinApi();
    private final HttpUrl base = HttpUrl.get(api.baseUrl());
    private final WeChatSender sender = new WeChatSender(
            new WxApi(
                    new OkHttpClient(),
                    new ObjectMapper(),
                    WeChatSender.tokenUrl(base, "wxapp", "appsecret"),
                    new MutableClock(Instant.parse("2026-11-26T08:00:00Z"), ZoneId.of("UTC")),
                    Duration.ofMinutes(5)),
            base);

    @AfterEach
    void stop() {
        api.close();
    }

    private static Outbound reply(String text) {
        return new Outbound("r1", "wechat", "o9AgO5Kd5ggOC-bXrbNODIiE3bGY", text, "m-1", 1, 1, Instant.EPOCH);
    }

    @Test
    void send_postsCustomServiceTextToTheOpenid() {
        assertThat(sender.send(reply("您好"))).isEqualTo(new SendResult.Sent());

        var request = api.nextSend();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/cgi-bin/message/custom/send");
        assertThat(token(request)).isEqualTo("token-1");
        var json = body(request);
        assertThat(json.get("touser").asText()).isEqualTo("o9AgO5Kd5ggOC-bXrbNODIiE3bGY");
        assertThat(json.get("msgtype").asText()).isEqualTo("text");
        assertThat(json.get("text").get("content").asText()).isEqualTo("您好");
        var tokenUrl = api.tokenRequest().getUrl();
        assertThat(tokenUrl.encodedPath()).isEqualTo("/cgi-bin/token");
        assertThat(tokenUrl.queryParameter("grant_type")).isEqualTo("client_credential");
        assertThat(tokenUrl.queryParameter("appid")).isEqualTo("wxapp");
        assertThat(tokenUrl.queryParameter("secret")).isEqualTo("appsecret");
    }

    @Test
    void outsideThe48HourWindow_isPermanent() {
        api.answerSends("{\"errcode\":45015,\"errmsg\":\"response out of time limit or subscription is canceled\"}");

        var result = sender.send(reply("您好"));

        assertThat(result).isInstanceOf(SendResult.Permanent.class);
        assertThat(((SendResult.Permanent) result).reason()).contains("45015").contains("48-hour");
    }

    @Test
    void tokenNotLatest40001_isRefreshedOnce() {
        api.answerSends("{\"errcode\":40001,\"errmsg\":\"access_token is invalid or not latest\"}");

        assertThat(sender.send(reply("您好"))).isEqualTo(new SendResult.Sent());
        assertThat(token(api.nextSend())).isEqualTo("token-1");
        assertThat(token(api.nextSend())).isEqualTo("token-2");
    }
}
