package dev.postern.server.smtp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads the message data up to the size limit. Beyond the limit it reads on to the final dot,
 * discarding, so the session stays in step and the client sees {@code 552} rather than a dropped
 * connection; every read still waits at most the command timeout.
 */
final class DataReader {
    private static final int CHUNK = 16 * 1024;

    private DataReader() {}

    /** The whole message, or empty when it held more than {@code max} bytes. */
    static Optional<byte[]> read(InputStream data, long max) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        int n;
        while ((n = data.read(chunk)) != -1) {
            total += n;
            if (total <= max) {
                kept.write(chunk, 0, n);
            } else if (kept.size() > 0) {
                kept = new ByteArrayOutputStream(); // over the limit: let the memory go at once
            }
        }
        return total <= max ? Optional.of(kept.toByteArray()) : Optional.empty();
    }

    /** Reads the rest of the data to the final dot and lets it go, so the session stays in step. */
    static void drain(InputStream data) throws IOException {
        byte[] chunk = new byte[1024]; // small: this may run just after the heap ran out
        while (data.read(chunk) != -1) {
            // discarded
        }
    }
}
