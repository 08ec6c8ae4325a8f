package cn.shangliang.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * One keep-alive HTTP/1.1 connection with requests pipelined on it: the scheduler writes each request as soon as it is
 * due, without waiting for earlier answers, and a reader thread takes the answers, which HTTP/1.1 returns in request
 * order. When the connection breaks, every request still on it counts as failed.
 */
final class PipelinedConnection implements AutoCloseable {

    /** Told of each request's outcome, on the reader thread (or the scheduler's, when a write fails). */
    interface Outcomes {
        void answered(int index, int status, long nowNanos);

        void failed(int index);
    }

    private final Socket socket;
    private final OutputStream out;
    private final ArrayBlockingQueue<Integer> inFlight;
    private final Outcomes outcomes;
    private volatile boolean dead;

    PipelinedConnection(
            InetSocketAddress target, int capacity, Outcomes outcomes, GeneratorThreads threads, String name)
            throws IOException {
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(target, 5_000);
        this.out = socket.getOutputStream();
        this.inFlight = new ArrayBlockingQueue<>(capacity);
        this.outcomes = outcomes;
        threads.start(name, this::readLoop);
    }

    boolean dead() {
        return dead;
    }

    /** Writes request {@code index}; a failure is reported through {@link Outcomes#failed}. */
    void send(int index, byte[] request) {
        if (!inFlight.offer(index)) {
            outcomes.failed(index); // cannot happen while the caller caps requests in flight below capacity
            return;
        }
        try {
            out.write(request);
        } catch (IOException e) {
            breakDown();
        }
        if (dead) {
            failAll();
        }
    }

    private void readLoop() {
        HttpWire wire;
        try {
            wire = new HttpWire(socket.getInputStream());
            HttpWire.Message m = new HttpWire.Message();
            while (wire.read(m, false)) {
                long now = System.nanoTime();
                Integer index = inFlight.poll();
                if (index == null) {
                    break; // an answer to no request: give up on this connection
                }
                outcomes.answered(index, m.status, now);
                if (m.close) {
                    break;
                }
            }
        } catch (IOException e) {
            // the connection broke: the requests still on it fail below
        }
        breakDown();
        failAll();
    }

    private void breakDown() {
        dead = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void failAll() {
        Integer index;
        while ((index = inFlight.poll()) != null) {
            outcomes.failed(index);
        }
    }

    @Override
    public void close() {
        breakDown();
    }
}
