package dev.postern.server.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a command in the foreground until Ctrl-C or SIGTERM, then lets it close what it started
 * before the JVM exits: the shutdown hook releases {@link #await} and waits (at most
 * {@value #CLOSE_LIMIT_SECONDS} s) for {@link #close}, which the command reaches once its
 * resources are closed.
 */
final class UntilStopped implements AutoCloseable {
    private static final int CLOSE_LIMIT_SECONDS = 30;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    private UntilStopped() {}

    /** Registers the shutdown hook (a thread named {@code name}). */
    static UntilStopped onShutdown(String name) {
        UntilStopped until = new UntilStopped();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            until.stopped.countDown();
                            try {
                                until.closed.await(CLOSE_LIMIT_SECONDS, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        name));
        return until;
    }

    /** Returns when the process is asked to stop (or this thread is interrupted). */
    void await() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tells the shutdown hook that everything is closed. */
    @Override
    public void close() {
        closed.countDown();
    }
}
