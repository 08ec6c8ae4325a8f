package cn.shangliang.channel;

/** Looks at the pipeline's storage: is it there, and how much is waiting. */
public interface PipelineMonitor {

    /** Messages waiting or in hand in each stream, and in the dead-letter streams. */
    record Backlog(long inbound, long outbound, long retrying, long deadInbound, long deadOutbound) {}

    /** Whether the storage answers now. Never throws. */
    boolean available();

    Backlog backlog();
}
