package cn.shangliang.bench;

import cn.shangliang.channel.generic.GenericSignature;
import java.nio.charset.StandardCharsets;

/**
 * Complete signed HTTP requests for one run, built before it starts so that sending costs one socket write. Message
 * {@code i} comes from user {@code <prefix>-u<i % users>} (users are new in every run; with at least as many users as
 * messages, every message is a new user's first, so every run does the same work per message: a concern without a
 * place, answered by one question; and the per-recipient reply rate limit is not what is measured), has the id
 * {@code <prefix>-<i>} and the timestamp of its intended send
 * second, which keeps every message well inside the server's 300 s window however long the run.
 */
final class SignedMessages {

    private final String prefix;
    private final byte[][] requests;

    /**
     * @param prefix message id prefix, unique per run
     * @param firstSecond epoch second at which message 0 is due
     */
    SignedMessages(
            GenericSignature signature,
            String prefix,
            int users,
            String host,
            int count,
            int rate,
            long firstSecond,
            java.util.List<String> texts) {
        this.prefix = prefix;
        this.requests = new byte[count][];
        String head = "POST /webhook/generic HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + GenericSignature.HEADER + ": ";
        for (int i = 0; i < count; i++) {
            long user = i % users;
            String json = "{\"message_id\":\"" + prefix + "-" + i + "\",\"user_id\":\"" + prefix + "-u" + user
                    + "\",\"user_name\":\"Bench " + user + "\",\"text\":\"" + text(texts, i)
                    + "\",\"timestamp\":" + (firstSecond + i / rate) + "}";
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            byte[] headers = (head + signature.sign(body) + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[headers.length + body.length];
            System.arraycopy(headers, 0, request, 0, headers.length);
            System.arraycopy(body, 0, request, headers.length, body.length);
            requests[i] = request;
        }
    }

    /** Message {@code i}'s text: the default concern, or line {@code i mod n} of {@code --texts}. */
    private static String text(java.util.List<String> texts, int i) {
        if (texts.isEmpty()) {
            return "路灯坏了，晚上很黑 #" + i;
        }
        return texts.get(i % texts.size()).replace("\\", "\\\\").replace("\"", "\\\"");
    }

    int count() {
        return requests.length;
    }

    byte[] request(int i) {
        return requests[i];
    }

    /** Message ids are {@code prefix + "-" + index}. */
    String prefix() {
        return prefix;
    }
}
