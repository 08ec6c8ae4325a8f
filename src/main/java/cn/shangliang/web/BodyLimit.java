package cn.shangliang.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit, so that an oversized one is refused (413) without buffering it. */
final class BodyLimit {

    /**
     * An oversized body is read and thrown away up to this much before the 413, so that the client, still sending,
     * gets the answer instead of a reset connection; beyond it the connection may be cut.
     */
    static final long DRAIN_AT_MOST = 1024 * 1024;

    private BodyLimit() {}

    /** The body, or {@code max + 1} bytes (whose content does not matter) when it is longer than {@code max}. */
    static byte[] read(Context ctx, int max) throws IOException {
        try (InputStream in = ctx.req().getInputStream()) {
            if (ctx.contentLength() > max) {
                drain(in);
                return new byte[max + 1];
            }
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                drain(in);
            }
            return body;
        }
    }

    private static void drain(InputStream in) {
        long left = DRAIN_AT_MOST;
        byte[] sink = new byte[8192];
        try {
            while (left > 0) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException e) {
            // the client gave up or the server refuses to read more: the 413 goes out all the same
        }
    }
}
