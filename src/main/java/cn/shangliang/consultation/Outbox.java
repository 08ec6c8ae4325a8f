package cn.shangliang.consultation;

import java.util.List;

/**
 * The effects written with the changes of one part of the data (a town's issues: its code; a room's meetings: its id),
 * waiting to be delivered.
 */
public interface Outbox {

    /** Up to {@code max} undelivered effects of that part, oldest first. */
    List<Entry> pending(String part, int max);

    /** Forgets delivered effects. */
    void delivered(String part, List<Entry> entries);

    record Entry(String id, Effect effect) {}
}
