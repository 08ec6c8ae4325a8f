package cn.shangliang.channel;

import java.util.List;

/**
 * Understands one inbound message and decides what to say. Called by the pipeline's workers, possibly more than once
 * for the same message (redelivery after a crash): side effects must be keyed by {@link Inbound#key()} so that a
 * second call changes nothing. The replies of only one call are ever sent.
 */
@FunctionalInterface
public interface MessageHandler {

    List<Reply> handle(Inbound message);

    /**
     * The messages about to be handled on this thread, in order: a handler may fetch what they need in one go. Only a
     * hint; {@link #handle} must work without it.
     */
    default void prepare(List<Inbound> messages) {}
}
