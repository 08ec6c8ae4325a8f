package cn.shangliang.channel;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/** Logs an outage of the storage once when it starts and once when it ends, not once per thread and retry. */
final class Outage {

    private final Logger log;
    private final String what;
    private final AtomicBoolean down = new AtomicBoolean();

    Outage(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    void failed(RuntimeException e) {
        if (down.compareAndSet(false, true)) {
            log.warn("{} unavailable: {}; retrying every second", what, e.toString());
        } else {
            log.debug("{} still unavailable: {}", what, e.toString());
        }
    }

    void ok() {
        if (down.compareAndSet(true, false)) {
            log.info("{} available again", what);
        }
    }
}
