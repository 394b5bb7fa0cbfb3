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
    private Bodies() {}

    static byte[] read(Context ctx, long max) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw ApiError.tooLarge(max);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
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
}
