package dev.postern.server.http;

/**
 * The request-body bytes being read and parsed at once, over all connections ({@code
 * server.http.max_request_bytes_in_flight}). Parsing a message costs several times its size in
 * heap, so parallel large bodies would otherwise run the heap out (an {@link OutOfMemoryError},
 * which no request survives); a body that would pass the limit is refused with 503 {@code
 * overloaded} before it is read. One body alone is always taken, so a limit below {@code
 * max_request_bytes} slows large bodies down to one at a time but never refuses them for good.
 */
final class BodyBudget {
    private final long limit;
    private long used;

    BodyBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} from the budget; false (nothing taken) when they do not fit. */
    synchronized boolean take(long bytes) {
        if (used > 0 && used + bytes > limit) {
            return false;
        }
        used += bytes;
        return true;
    }

    synchronized void give(long bytes) {
        used -= bytes;
    }

    synchronized long used() {
        return used;
    }
}
