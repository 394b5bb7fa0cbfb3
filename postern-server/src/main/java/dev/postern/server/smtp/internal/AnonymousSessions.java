package dev.postern.server.smtp.internal;

import dev.postern.server.auth.TrustedNetworks;
import dev.postern.server.config.AnonymousLimits;
import dev.postern.time.Scheduler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/**
 * Sessions of clients that have not authenticated and do not connect from a trusted network: all
 * they can do is greet, start TLS and authenticate, so they get little. Each address may open
 * {@code max_connection_rate_per_client} of them a minute ({@link ConnectionRate}); together they
 * hold at most {@code maxSessions}, and when that share is full a newcomer closes the longest
 * waiting one instead of being refused, so a client about to authenticate always gets in; each
 * lasts {@code timeout} from connect and {@code max_commands} commands. Beyond any of these the
 * client hears {@code 421 4.7.0} and is disconnected. A session leaves all of this once {@code
 * AUTH} succeeds, and its connection no longer counts against its address's rate.
 */
final class AnonymousSessions {
    private static final Logger LOG = LoggerFactory.getLogger(AnonymousSessions.class);
    /**
     * How long a closing 421 may take to write before the connection is closed anyway: a client
     * that stopped reading must not hold the thread that closes it. Real time, as socket timeouts.
     */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    /** What one waiting session has used; guarded by the enclosing instance. */
    private static final class Waiting {
        final ConnectionRate.Stamp stamp;
        Scheduler.Cancellable expiry;
        int commands;

        Waiting(ConnectionRate.Stamp stamp) {
            this.stamp = stamp;
        }
    }

    private final TrustedNetworks trusted;
    private final AnonymousLimits limits;
    private final int maxSessions;
    private final ConnectionRate rate;
    private final Scheduler scheduler;
    /** In connect order: the first is the longest waiting. */
    private final Map<Session, Waiting> waiting = new LinkedHashMap<>();

    AnonymousSessions(
            TrustedNetworks trusted, AnonymousLimits limits, int maxSessions, Clock clock, Scheduler scheduler) {
        this.trusted = trusted;
        this.limits = limits;
        this.maxSessions = maxSessions;
        this.rate = new ConnectionRate(clock, limits.maxConnectionRatePerClient());
        this.scheduler = scheduler;
    }

    /** A new session: admitted (trusted, or within its address's rate), else the refusal to give. */
    Optional<Reply> admit(Session session) {
        InetAddress address = session.getRemoteAddress().getAddress();
        if (trusted.contains(address)) {
            return Optional.empty();
        }
        Session displaced = null;
        synchronized (this) {
            Optional<ConnectionRate.Stamp> stamp = rate.admit(address);
            if (stamp.isEmpty()) {
                LOG.debug("refused {}: over its connection rate", address.getHostAddress());
                return Optional.of(Reply.CONNECTION_RATE);
            }
            if (waiting.size() >= maxSessions) {
                Iterator<Map.Entry<Session, Waiting>> oldest =
                        waiting.entrySet().iterator();
                Map.Entry<Session, Waiting> first = oldest.next();
                oldest.remove();
                first.getValue().expiry.cancel();
                displaced = first.getKey();
            }
            Waiting w = new Waiting(stamp.get());
            waiting.put(session, w);
            w.expiry = scheduler.schedule(limits.timeout(), () -> expire(session));
        }
        if (displaced != null) {
            close(displaced, Reply.ANONYMOUS_DISPLACED);
        }
        return Optional.empty();
    }

    /** Before each command: counts it against a waiting session's budget, past which it is closed. */
    void spend(Session session) throws DropConnectionException {
        synchronized (this) {
            Waiting w = waiting.get(session);
            if (w == null || session.isAuthenticated() || ++w.commands <= limits.maxCommands()) {
                return;
            }
            leave(session);
        }
        LOG.debug("closing {}: too many commands before AUTH", session.getRemoteAddress());
        Reply reply = Reply.ANONYMOUS_COMMANDS;
        throw new DropConnectionException(reply.code(), reply.text());
    }

    /** The session authenticated: no more limits here, and its connection is not counted. */
    synchronized void authenticated(Session session) {
        Waiting w = leave(session);
        if (w != null) {
            rate.refund(w.stamp);
        }
    }

    synchronized void ended(Session session) {
        leave(session);
    }

    private void expire(Session session) {
        synchronized (this) {
            // AUTH may have just succeeded: SubEthaSMTP records it after answering 235
            if (session.isAuthenticated() || leave(session) == null) {
                return;
            }
        }
        LOG.debug("closing {}: not authenticated within {}", session.getRemoteAddress(), limits.timeout());
        close(session, Reply.ANONYMOUS_TIMEOUT);
    }

    private Waiting leave(Session session) {
        Waiting w = waiting.remove(session);
        if (w != null) {
            w.expiry.cancel();
        }
        return w;
    }

    /**
     * Says {@code reply} and closes the session, from outside its own thread (which is waiting for
     * the client's next line). One write of a whole line, which the socket (or TLS engine) does not
     * interleave with the session's own replies.
     */
    private static void close(Session session, Reply reply) {
        Thread.ofVirtual().name("postern-smtp-close").start(() -> {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = session.getSocket().getOutputStream();
                    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the client is gone already; closing is all that is left
                }
            });
            try {
                writer.join(CLOSE_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            session.quit();
        });
    }
}
