package cn.shangliang.channel.webchat;

import java.time.Duration;

/**
 * Which web-chat uids are taken, shared by all processes: the first connection under a new uid claims it and gets its
 * session token; later connections under a taken uid must show that token.
 */
public interface WebChatClaims {

    /** Claims {@code uid} for {@code keep}; true when it was free (this caller now holds it), false when taken. */
    boolean claim(String uid, Duration keep);

    /** Keeps a held claim for another {@code keep} from now (a returning visitor). */
    void refresh(String uid, Duration keep);
}
