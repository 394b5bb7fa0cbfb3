package dev.postern.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.postern.error.PosternException;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;

/**
 * Reads request bodies into memory within two bounds: each body at most {@code
 * server.http.max_request_bytes} (413 beyond it, the rest never kept), and all bodies being read
 * and parsed at once at most the {@link BodyBudget} (503 {@code overloaded} + {@code Retry-After}
 * beyond it, before the body is read). A body that stops arriving is cut off by the listener's idle
 * timeout and answered 408.
 *
 * <p>A refusal is answered while the client may still be sending, then the connection is closed
 * gracefully, as nginx's lingering close does: the answer is sent with {@code Connection: close},
 * the rest of the body is read and thrown away for at most {@link #LINGER} and {@link
 * #LINGER_BYTES}, and only then does the server close. Closing with unread bytes would make the
 * server's TCP stack send a reset, and a client that reads the answer only after sending its body
 * would lose the answer with it.
 */
final class Bodies {
    /** How long a refused body is read and thrown away before the connection closes. */
    static final Duration LINGER = Duration.ofSeconds(30);

    /** How much of a refused body is read and thrown away before the connection closes. */
    static final long LINGER_BYTES = 1024L * 1024 * 1024;

    /** Growth step of a body without {@code Content-Length}, so a small one holds little budget. */
    private static final int STEP = 64 * 1024;

    private static final Duration OVERLOADED_RETRY = Duration.ofSeconds(1);

    private final long max;
    private final BodyBudget budget;
    private final InstantSource time;

    Bodies(long max, BodyBudget budget, InstantSource time) {
        this.max = max;
        this.budget = budget;
        this.time = time;
    }

    /** A body in memory; holds its bytes in the budget until closed, when it has been parsed and used. */
    static final class Body implements AutoCloseable {
        private final BodyBudget budget;
        private byte[] bytes = new byte[0];
        private long held;

        private Body(BodyBudget budget) {
            this.budget = budget;
        }

        /**
         * The bytes, handed over once: the body forgets them, so they are garbage as soon as the
         * caller has parsed them, while the budget stays held until {@link #close}.
         */
        byte[] takeBytes() {
            byte[] taken = bytes;
            bytes = new byte[0];
            return taken;
        }

        /** Holds {@code total} bytes in all; false (nothing more held) when the budget has no room. */
        private boolean hold(long total) {
            if (total <= held) {
                return true;
            }
            if (!budget.take(held, total)) {
                return false;
            }
            held = total;
            return true;
        }

        @Override
        public void close() {
            budget.give(held);
            held = 0;
            bytes = new byte[0];
        }
    }

    /**
     * The request's body, to be closed once used.
     *
     * @throws ApiError 408 or 400 when it cannot be read
     * @throws Answered when it was refused (413, 503) and the answer is already sent
     */
    Body read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw refuse(ctx, ApiError.tooLarge(max));
        }
        Body body = new Body(budget);
        try {
            InputStream in = ctx.req().getInputStream();
            if (declared >= 0) {
                if (!body.hold(declared)) {
                    throw refuse(ctx, overloaded());
                }
                body.bytes = new byte[(int) declared];
                if (in.readNBytes(body.bytes, 0, body.bytes.length) < declared) {
                    throw ApiError.badRequest("bad_request", null, "the request body ended before its Content-Length");
                }
            } else {
                readUndeclared(ctx, in, body);
            }
            return body;
        } catch (IOException e) {
            body.close();
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
        } catch (RuntimeException e) {
            body.close();
            throw e;
        }
    }

    /** A body without {@code Content-Length} (chunked): grown in steps, each held in the budget first. */
    private void readUndeclared(Context ctx, InputStream in, Body body) throws IOException {
        byte[] buffer = new byte[0];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                long size = Math.min(max + 1, Math.max(STEP, (long) buffer.length * 2));
                if (size <= length) {
                    throw refuse(ctx, ApiError.tooLarge(max));
                }
                if (!body.hold(size)) {
                    throw refuse(ctx, overloaded());
                }
                buffer = Arrays.copyOf(buffer, (int) size);
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        if (length > max) {
            throw refuse(ctx, ApiError.tooLarge(max));
        }
        body.bytes = length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    private static ApiError overloaded() {
        return new ApiError(
                503,
                "overloaded",
                "this gateway is reading as many request bodies as its memory allows; retry",
                null,
                OVERLOADED_RETRY);
    }

    /** Sends {@code error} now, then reads and discards the rest of the body within the bounds. */
    private Answered refuse(Context ctx, ApiError error) {
        HttpServletResponse res = ctx.res();
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(Json.error(error.code, error.getMessage(), error.field));
            res.setStatus(error.status);
            res.setContentType("application/json");
            res.setHeader("Connection", "close");
            error.retryAfter.ifPresent(d -> res.setHeader("Retry-After", Long.toString(Math.max(1, d.toSeconds()))));
            res.setContentLength(json.length);
            res.getOutputStream().write(json);
            res.flushBuffer();
            drain(ctx.req().getInputStream(), time.instant().plus(LINGER));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            // the client went away: nobody is left to answer
        }
        return new Answered(error);
    }

    /** Reads and discards until the body ends, {@link #LINGER_BYTES} or {@code deadline}. */
    private void drain(InputStream in, Instant deadline) {
        byte[] sink = new byte[16 * 1024];
        long read = 0;
        try {
            for (int n; read < LINGER_BYTES && (n = in.read(sink)) >= 0; ) {
                read += n;
                if (time.instant().isAfter(deadline)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client stopped sending or went away: the answer was sent already
        }
    }

    /** A refusal whose answer is already sent: nothing more is written for this request. */
    static final class Answered extends PosternException {
        private static final long serialVersionUID = 1L;

        Answered(ApiError error) {
            super("answered " + error.status + " " + error.code);
        }
    }
}
