package cn.shangliang.channel;

import java.util.List;

/** Looks at the pipeline's storage: is it there, and how much is waiting. */
public interface PipelineMonitor {

    /** Messages waiting or in hand in each stream, and in the dead-letter streams. */
    record Backlog(long inbound, long outbound, long retrying, long deadInbound, long deadOutbound) {

        Backlog plus(Backlog o) {
            return new Backlog(
                    inbound + o.inbound,
                    outbound + o.outbound,
                    retrying + o.retrying,
                    deadInbound + o.deadInbound,
                    deadOutbound + o.deadOutbound);
        }
    }

    /** Whether the storage answers now. Never throws. */
    boolean available();

    /** The backlog of each partition of the pipeline, by partition. */
    List<Backlog> backlogByPartition();

    /** The backlog of all partitions together. */
    default Backlog backlog() {
        return backlogByPartition().stream().reduce(new Backlog(0, 0, 0, 0, 0), Backlog::plus);
    }
}
