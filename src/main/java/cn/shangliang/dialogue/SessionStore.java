package cn.shangliang.dialogue;

import cn.shangliang.channel.Inbound;
import java.util.List;

/** Keeps each user's {@link Session}; the pending question expires after the configured time. */
public interface SessionStore {

    Session load(String channel, String userId);

    void save(String channel, String userId, Session session);

    /** The sessions of the senders of these messages are about to be loaded: a store may read them in one go. */
    default void prefetch(List<Inbound> messages) {}
}
