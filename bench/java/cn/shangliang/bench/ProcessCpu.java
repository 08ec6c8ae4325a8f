package cn.shangliang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * User + system CPU time of another process (the server, redis-server) from {@code /proc/<pid>/stat}, so that the
 * generator can charge exactly its measured phase to them. Linux only; USER_HZ is 100 on every Linux build this runs
 * on (x86-64 and arm64).
 */
final class ProcessCpu {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private final List<Long> pids;

    /** @param pid 0 for none: then every reading is 0 */
    ProcessCpu(long pid) {
        this(List.of(pid));
    }

    /** Several processes (two servers, the masters of a cluster): their CPU summed. */
    ProcessCpu(List<Long> pids) {
        this.pids = List.copyOf(pids);
    }

    long nanos() {
        return pids.stream().mapToLong(ProcessCpu::nanos).sum();
    }

    private static long nanos(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // fields after the command name, which is in parentheses and may contain spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK; // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
