package cn.shangliang.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Just enough HTTP/1.1 framing for the generator: reads a start line and headers, then a body by
 * {@code Content-Length} or chunked, from a buffered stream, with no per-message buffers beyond the body. Header names
 * are matched case-insensitively; only the two headers the generator needs are kept.
 */
final class HttpWire {

    /** The parts of one message the generator looks at. */
    static final class Message {
        /** The status code of a response, 0 for a request. */
        int status;

        String signature;
        byte[] body;
        boolean close;
    }

    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNATURE = "x-shangliang-signature:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION = "connection:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private final byte[] line = new byte[8192];
    private int lineLength;

    /** @param in the raw socket stream: this class buffers, so that one read syscall serves many messages */
    HttpWire(InputStream in) {
        this.in = in;
    }

    private int read() throws IOException {
        if (pos == limit) {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return -1;
            }
            pos = 0;
            limit = n;
        }
        return buf[pos++] & 0xff;
    }

    private byte[] readNBytes(int n) throws IOException {
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            if (pos == limit) {
                int r = in.read(buf, 0, buf.length);
                if (r <= 0) {
                    throw new EOFException("body cut short");
                }
                pos = 0;
                limit = r;
            }
            int k = Math.min(n - done, limit - pos);
            System.arraycopy(buf, pos, out, done, k);
            pos += k;
            done += k;
        }
        return out;
    }

    /**
     * Reads one message into {@code m}; returns false at a clean end of stream before its first byte.
     *
     * @param keepBody whether to keep the body (responses' bodies are skipped)
     */
    boolean read(Message m, boolean keepBody) throws IOException {
        if (!readLine(true)) {
            return false;
        }
        m.status = lineLength >= 12 && line[0] == 'H' ? parseInt(9, 12) : 0;
        m.signature = null;
        m.close = false;
        long contentLength = 0;
        boolean chunked = false;
        while (true) {
            readLine(false);
            if (lineLength == 0) {
                break;
            }
            if (startsWith(CONTENT_LENGTH)) {
                contentLength = parseInt(CONTENT_LENGTH.length, lineLength);
            } else if (startsWith(TRANSFER_ENCODING)) {
                chunked = value(TRANSFER_ENCODING.length).toLowerCase().contains("chunked");
            } else if (startsWith(SIGNATURE)) {
                m.signature = value(SIGNATURE.length);
            } else if (startsWith(CONNECTION)) {
                m.close = value(CONNECTION.length).equalsIgnoreCase("close");
            }
        }
        if (chunked) {
            m.body = readChunked(keepBody);
        } else if (keepBody) {
            m.body = contentLength == 0 ? EMPTY : readNBytes((int) contentLength);
        } else {
            m.body = EMPTY;
            for (long i = 0; i < contentLength; i++) {
                if (read() < 0) {
                    throw new EOFException("body cut short");
                }
            }
        }
        return true;
    }

    private byte[] readChunked(boolean keep) throws IOException {
        java.io.ByteArrayOutputStream body = keep ? new java.io.ByteArrayOutputStream() : null;
        while (true) {
            readLine(false);
            int size = Integer.parseInt(
                    new String(line, 0, lineLength, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
            if (size == 0) {
                do {
                    readLine(false); // trailers
                } while (lineLength > 0);
                return body == null ? EMPTY : body.toByteArray();
            }
            byte[] chunk = readNBytes(size);
            if (body != null) {
                body.write(chunk);
            }
            readLine(false);
        }
    }

    private boolean readLine(boolean eofAllowed) throws IOException {
        lineLength = 0;
        while (true) {
            int b = read();
            if (b < 0) {
                if (eofAllowed && lineLength == 0) {
                    return false;
                }
                throw new EOFException("connection closed mid-message");
            }
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                if (eofAllowed && lineLength == 0) {
                    continue; // stray CRLF between messages
                }
                return true;
            }
            if (lineLength == line.length) {
                throw new IOException("header line longer than " + line.length + " bytes");
            }
            line[lineLength++] = (byte) b;
        }
    }

    private boolean startsWith(byte[] lowerName) {
        if (lineLength < lowerName.length) {
            return false;
        }
        for (int i = 0; i < lowerName.length; i++) {
            int c = line[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    private String value(int from) {
        return new String(line, from, lineLength - from, StandardCharsets.US_ASCII).trim();
    }

    private int parseInt(int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            byte c = line[i];
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
            } else if (c != ' ' && c != '\t') {
                break;
            }
        }
        return v;
    }
}
