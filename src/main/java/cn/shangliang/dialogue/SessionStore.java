package cn.shangliang.dialogue;

/** Keeps each user's {@link Session}; the pending question expires after the configured time. */
public interface SessionStore {

    Session load(String channel, String userId);

    void save(String channel, String userId, Session session);
}
