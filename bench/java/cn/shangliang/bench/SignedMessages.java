package cn.shangliang.bench;

import cn.shangliang.channel.generic.GenericSignature;
import java.nio.charset.StandardCharsets;

/**
 * Builds signed generic-channel bodies. Message {@code i} goes to user {@code i % users}, so that the load spreads over
 * many recipients and measures throughput rather than the per-recipient reply rate limit.
 */
final class SignedMessages {

    /** One request: its message id, raw body and signature header value. */
    record Signed(String messageId, byte[] body, String signature) {}

    private final GenericSignature signature;
    private final String runId;
    private final int users;

    SignedMessages(GenericSignature signature, String runId, int users) {
        this.signature = signature;
        this.runId = runId;
        this.users = users;
    }

    Signed message(long i) {
        String id = runId + "-" + i;
        long user = i % users;
        String json = "{\"message_id\":\"" + id + "\",\"user_id\":\"bench-u" + user + "\",\"user_name\":\"Bench "
                + user + "\",\"text\":\"路灯坏了，晚上很黑 #" + i + "\",\"timestamp\":"
                + System.currentTimeMillis() / 1000 + "}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return new Signed(id, body, signature.sign(body));
    }
}
