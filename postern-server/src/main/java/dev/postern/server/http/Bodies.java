package dev.postern.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeoutException;

/**
 * Reads request bodies up to the configured limit; beyond it, 413 without reading the rest into
 * memory. A body that stops arriving is cut off by the listener's idle timeout and answered 408.
 */
final class Bodies {
    /**
     * How much of a body over the limit is read and thrown away before the 413. A server that
     * answers and closes while the client is still sending makes the client's TCP stack reset the
     * connection, and the answer is lost with it; reading the rest of a modest overrun lets the 413
     * arrive. Larger bodies are answered at once and may see a reset.
     */
    private static final long DRAIN_BYTES = 1024 * 1024;

    private Bodies() {}

    static byte[] read(Context ctx, long max) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > max) {
                if (declared - max <= DRAIN_BYTES) {
                    drain(in, declared);
                }
                throw ApiError.tooLarge(max);
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                drain(in, DRAIN_BYTES);
                throw ApiError.tooLarge(max);
            }
            return body;
        } catch (IOException e) {
            // the client stopped sending (idle timeout) or went away: its fault, never a 500
            boolean timedOut = e.getCause() instanceof TimeoutException;
            throw new ApiError(
                    timedOut ? 408 : 400,
                    timedOut ? "request_timeout" : "bad_request",
                    timedOut
                            ? "the request body did not arrive within the idle timeout"
                            : "the request body could not be read",
                    null,
                    null);
        }
    }

    /** Reads and discards up to {@code limit} bytes; a body that stops early is no matter here. */
    private static void drain(InputStream in, long limit) {
        byte[] sink = new byte[16 * 1024];
        long left = limit;
        try {
            for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException e) {
            // the answer is 413 whatever happened to the rest of the body
        }
    }
}
