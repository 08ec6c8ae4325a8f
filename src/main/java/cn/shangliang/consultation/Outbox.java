package cn.shangliang.consultation;

import java.util.List;

/** The effects written with the changes of a town, waiting to be delivered. */
public interface Outbox {

    /** Up to {@code max} undelivered effects of the town, oldest first. */
    List<Entry> pending(String townCode, int max);

    /** Forgets delivered effects. */
    void delivered(String townCode, List<Entry> entries);

    record Entry(String id, Effect effect) {}
}
