package dev.postern.server.smtp.internal;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;

/**
 * SubEthaSMTP's session logs every client line at DEBUG, {@code AUTH PLAIN <credentials>}
 * included. Postern's logs never hold a secret, so that logger is held at INFO whatever the
 * configuration says (with logback, the binding Postern ships), and set explicitly so that a
 * later change of the root level does not reach it.
 */
final class LogGuard {
    private static final Logger LOG = LoggerFactory.getLogger(LogGuard.class);

    private LogGuard() {}

    static void capSessionLogging() {
        if (LoggerFactory.getLogger(Session.class) instanceof ch.qos.logback.classic.Logger session) {
            // set explicitly, so that turning the root logger to DEBUG later cannot reach it
            Level effective = session.getEffectiveLevel();
            session.setLevel(effective.isGreaterOrEqual(Level.INFO) ? effective : Level.INFO);
            if (!effective.isGreaterOrEqual(Level.INFO)) {
                LOG.info("{} held at INFO: at DEBUG it would log AUTH credentials", session.getName());
            }
        }
    }
}
