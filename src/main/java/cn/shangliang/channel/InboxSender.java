package cn.shangliang.channel;

/** Sender of the channels whose clients pull replies from their {@link Inbox} (web chat, terminal). */
public final class InboxSender implements ChannelSender {

    private final String channel;
    private final Inbox inbox;

    public InboxSender(String channel, Inbox inbox) {
        this.channel = channel;
        this.inbox = inbox;
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public SendResult send(Outbound message) {
        inbox.append(message);
        return new SendResult.Sent();
    }
}
