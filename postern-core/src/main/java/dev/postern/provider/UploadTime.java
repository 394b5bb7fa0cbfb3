package dev.postern.provider;

import java.time.Duration;

/**
 * How long a message may take to reach a provider for its size alone, at the slowest rate Postern
 * counts on: 1 MiB/s (8 Mbit/s). Adapters add it to their request and data timeouts, and
 * suspicion adds it to {@code suspect_after}, so that a 25 MiB message is neither timed out nor
 * makes its provider suspect while its body is still on the way: a timeout or a suspicion then
 * speaks of the provider, not of the message's size.
 */
public final class UploadTime {
    /** Bytes per second Postern counts on between itself and a provider. */
    public static final long FLOOR_BYTES_PER_SECOND = 1024 * 1024;

    private UploadTime() {}

    /** The time {@code bytes} take at {@link #FLOOR_BYTES_PER_SECOND}; zero for nothing. */
    public static Duration of(long bytes) {
        return bytes <= 0 ? Duration.ZERO : Duration.ofMillis(bytes * 1000 / FLOOR_BYTES_PER_SECOND);
    }
}
