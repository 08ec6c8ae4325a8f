package cn.shangliang.dialogue;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.MessageHandler;
import cn.shangliang.channel.Reply;
import java.util.List;

/** The pipeline's handler: loads the user's session, takes one dialogue step, keeps the new session. */
public final class DialogueHandler implements MessageHandler {

    private final Dialogue dialogue;
    private final SessionStore sessions;

    public DialogueHandler(Dialogue dialogue, SessionStore sessions) {
        this.dialogue = dialogue;
        this.sessions = sessions;
    }

    @Override
    public List<Reply> handle(Inbound message) {
        Session session = sessions.load(message.channel(), message.userId());
        Turn turn = dialogue.step(message, session);
        sessions.save(message.channel(), message.userId(), turn.session());
        return turn.replies().stream().<Reply>map(Reply.ToSender::new).toList();
    }

    @Override
    public void prepare(List<Inbound> messages) {
        sessions.prefetch(messages);
    }
}
