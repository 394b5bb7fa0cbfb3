package dev.postern.provider.transport;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides, once, between the body leaving (the HTTP client asked for it) and the request being
 * abandoned before it (no {@code 100 Continue} in time): whichever comes first wins, so an abandoned
 * request never sent a byte of its body.
 */
final class ContinueGate {
    private enum State {
        WAITING,
        TAKEN,
        ABANDONED
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);

    /** The client asks for the body: true if it may have it. */
    boolean take() {
        return state.compareAndSet(State.WAITING, State.TAKEN) || state.get() == State.TAKEN;
    }

    /** Gives up waiting: true if the body had not been asked for, and now never will be. */
    boolean abandon() {
        return state.compareAndSet(State.WAITING, State.ABANDONED) || state.get() == State.ABANDONED;
    }

    boolean taken() {
        return state.get() == State.TAKEN;
    }

    boolean abandoned() {
        return state.get() == State.ABANDONED;
    }
}
