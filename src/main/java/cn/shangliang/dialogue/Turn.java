package cn.shangliang.dialogue;

import java.util.List;

/** The outcome of one step: the session to keep and what to say. */
public record Turn(Session session, List<String> replies) {

    public Turn {
        replies = List.copyOf(replies);
    }
}
