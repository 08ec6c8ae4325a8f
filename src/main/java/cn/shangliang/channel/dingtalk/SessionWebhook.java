package cn.shangliang.channel.dingtalk;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a reply to one robot message may be POSTed without an access token, until {@code expiresAt} (the callback's
 * {@code sessionWebhook} and {@code sessionWebhookExpiredTime}, about 1.5 h after the message).
 *
 * @param url the session webhook
 * @param expiresAt when DingTalk stops accepting it
 * @param group whether the message came from a group chat (the reply then @-mentions {@code atUserId})
 * @param atUserId the sender's staff id, or empty when DingTalk gave none
 */
record SessionWebhook(String url, Instant expiresAt, boolean group, String atUserId) {
    SessionWebhook {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
        atUserId = atUserId == null ? "" : atUserId;
    }
}
