package cn.shangliang.consultation;

import java.time.Instant;
import java.util.List;

/**
 * The record of staff reads and changes of issues and meetings (who, when, what), kept for a configured time and
 * readable by the administrator. Recording never decides anything: it only writes down what a door did.
 */
public interface AuditLog {

    /**
     * One recorded access. {@code id} orders entries (empty until stored); {@code action} is {@code read} or
     * {@code change} (or a chat command's name); {@code what} names the object (a path, a tracking number, a place);
     * {@code detail} the method, outcome or status.
     */
    record Entry(String id, Instant at, String who, String action, String what, String detail) {}

    void record(Entry entry);

    /** The newest entries first, at most {@code max}, older than {@code before} (an entry id; "" for the newest). */
    List<Entry> recent(String before, int max);
}
