package dev.postern.server.smtp.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Admits sessions (at most {@code perClient} at once from one address, and clients that have not
 * authenticated within their {@link AnonymousSessions} limits) and lets the relay close gracefully:
 * once draining, new connections and new transactions get {@code 421}, while messages already
 * being received are waited for.
 */
final class Sessions implements SessionHandler {
    private final int perClient;
    private final AnonymousSessions anonymous;
    private final Map<InetAddress, Integer> open = new HashMap<>();
    private int receiving;
    private boolean draining;

    Sessions(int perClient, AnonymousSessions anonymous) {
        this.perClient = perClient;
        this.anonymous = anonymous;
    }

    @Override
    public synchronized SessionAcceptance accept(Session session) {
        if (draining) {
            return failure(Reply.SHUTTING_DOWN);
        }
        InetAddress address = session.getRemoteAddress().getAddress();
        int count = open.getOrDefault(address, 0);
        if (count >= perClient) {
            return failure(Reply.TOO_MANY_CONNECTIONS);
        }
        Optional<Reply> refusal = anonymous.admit(session);
        if (refusal.isPresent()) {
            return failure(refusal.get());
        }
        open.put(address, count + 1);
        return SessionAcceptance.success();
    }

    @Override
    public synchronized void onSessionEnd(Session session) {
        anonymous.ended(session);
        open.computeIfPresent(session.getRemoteAddress().getAddress(), (a, n) -> n == 1 ? null : n - 1);
    }

    /** A MAIL hook: no new transaction once the relay is closing. */
    synchronized Optional<Reply> refuseWhileDraining(Client client, String reversePath) {
        return draining ? Optional.of(Reply.SHUTTING_DOWN) : Optional.empty();
    }

    synchronized void dataStarted() {
        receiving++;
    }

    synchronized void dataEnded() {
        receiving--;
        notifyAll();
    }

    /**
     * Stops admitting and waits up to {@code grace} for messages being received to be answered.
     *
     * @return true when none was left receiving
     */
    synchronized boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (receiving > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private static SessionAcceptance failure(Reply reply) {
        return SessionAcceptance.failure(reply.code(), reply.text());
    }
}
