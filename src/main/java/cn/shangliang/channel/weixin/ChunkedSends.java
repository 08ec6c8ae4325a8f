package cn.shangliang.channel.weixin;

import cn.shangliang.channel.ChannelSender.SendResult;
import cn.shangliang.channel.Outbound;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sends a reply that may be longer than one platform message as several messages in order. When a later piece fails
 * and the dispatcher tries the reply again, the pieces already delivered are not sent twice: this process remembers how
 * far each reply got (a bounded memory; a reply taken over by another process after a crash may repeat a piece).
 */
public final class ChunkedSends {

    private static final int REMEMBERED = 10_000;

    private final int maxBytes;
    private final Map<String, Integer> delivered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** @param maxBytes the platform's limit of one message's text in UTF-8 bytes */
    public ChunkedSends(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Sends the pieces of {@code message} not yet delivered, each with {@code sendOne}, stopping at a failure. */
    public SendResult send(Outbound message, Function<String, WxApi.Result> sendOne) {
        List<String> pieces = TextChunks.split(message.text(), maxBytes);
        if (pieces.isEmpty()) {
            return new SendResult.Permanent("reply text is empty");
        }
        int next = alreadyDelivered(message.id());
        for (int i = next; i < pieces.size(); i++) {
            if (sendOne.apply(pieces.get(i)) instanceof WxApi.Result.Failed failed) {
                remember(message.id(), failed.result() instanceof SendResult.Permanent ? -1 : i);
                return failed.result();
            }
        }
        remember(message.id(), -1);
        return new SendResult.Sent();
    }

    private synchronized int alreadyDelivered(String id) {
        return delivered.getOrDefault(id, 0);
    }

    /** Records that the first {@code count} pieces of reply {@code id} are out; -1 forgets it. */
    private synchronized void remember(String id, int count) {
        if (count <= 0) {
            delivered.remove(id);
        } else {
            delivered.put(id, count);
        }
    }
}
