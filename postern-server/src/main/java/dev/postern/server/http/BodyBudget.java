package dev.postern.server.http;

/**
 * The request-body bytes being read and parsed at once, over all connections ({@code
 * server.http.max_request_bytes_in_flight}). Parsing a message costs several times its size in
 * heap, so parallel large bodies would otherwise run the heap out (an {@link OutOfMemoryError},
 * which no request survives); a body that would pass the limit is refused with 503 {@code
 * overloaded} before it is read.
 *
 * <p>A quarter of the limit is a reserve for bodies of at most {@link #SMALL} bytes (an ordinary
 * message), so that large bodies never starve them; large bodies share the rest. One large body
 * alone is always taken, so a limit below {@code max_request_bytes} slows large bodies down to one
 * at a time but never refuses them for good.
 */
final class BodyBudget {
    /** The largest body that counts against the reserve rather than the large bodies' share. */
    static final long SMALL = 256 * 1024;

    private final long limit;
    private final long reserve;
    private long small;
    private long large;

    BodyBudget(long limit) {
        this.limit = limit;
        this.reserve = limit / 4;
    }

    /**
     * Grows a body that holds {@code held} bytes to {@code total}; false (nothing changed) when that
     * does not fit. A body that grows past {@link #SMALL} moves from the reserve to the large share.
     */
    synchronized boolean take(long held, long total) {
        if (total <= SMALL) {
            if (small + total - held > reserve) {
                return false;
            }
            small += total - held;
            return true;
        }
        long others = held > SMALL ? large - held : large;
        if (others > 0 && others + total > limit - reserve) {
            return false;
        }
        if (held > SMALL) {
            large -= held;
        } else {
            small -= held;
        }
        large += total;
        return true;
    }

    /** Gives back what a body of {@code held} bytes holds. */
    synchronized void give(long held) {
        if (held > SMALL) {
            large -= held;
        } else {
            small -= held;
        }
    }

    synchronized long used() {
        return small + large;
    }

    long reserve() {
        return reserve;
    }
}
