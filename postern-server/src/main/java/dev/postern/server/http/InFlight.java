package dev.postern.server.http;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts requests being handled, so that shutdown can stop taking new ones (503) and wait for the
 * ones in progress — an accept waiting for its durable write must get its answer.
 */
final class InFlight {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int count;
    private boolean closing;

    /** False once closing: the request must be refused. */
    boolean enter() {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            count++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void exit() {
        lock.lock();
        try {
            if (--count == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new requests, then waits up to {@code grace} for those in progress; true when all finished. */
    boolean drain(Duration grace) throws InterruptedException {
        lock.lock();
        try {
            closing = true;
            long nanos = grace.toNanos();
            while (count > 0 && nanos > 0) {
                nanos = idle.awaitNanos(nanos);
            }
            return count == 0;
        } finally {
            lock.unlock();
        }
    }

    boolean closing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }
}
