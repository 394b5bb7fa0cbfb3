package dev.postern.server.smtp.internal;

import dev.postern.server.auth.AuthThrottle;
import java.io.IOException;
import java.net.InetAddress;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.command.AuthCommand;
import org.subethamail.smtp.server.Session;

/**
 * AUTH, refused with {@code 538 5.7.11} (RFC 4954) while {@link TlsPolicy} wants STARTTLS first, so
 * a password never crosses the network in clear once a certificate is configured; refused unchecked
 * while the client's address must wait after failed authentications ({@code 454 4.7.0}) or is
 * blocked ({@code 421 4.7.0}, then closed), see {@link AuthThrottle}. Otherwise SubEthaSMTP's AUTH
 * runs unchanged, with {@link UserAuthentication} counting its failures.
 */
final class TlsGuardedAuth extends org.subethamail.smtp.internal.server.BaseCommand {
    private final AuthCommand auth = new AuthCommand();
    private final Clients clients;
    private final TlsPolicy tls;
    private final AuthThrottle throttle;

    TlsGuardedAuth(Clients clients, TlsPolicy tls, AuthThrottle throttle) {
        super(AuthCommand.VERB, "Authentication service");
        this.clients = clients;
        this.tls = tls;
        this.throttle = throttle;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (session.isAuthenticated()) {
            auth.execute(commandString, session); // 503, as SubEthaSMTP answers a second AUTH
            return;
        }
        if (tls.authNeedsTls(clients.of(session))) {
            session.sendResponse(Reply.ENCRYPTION_REQUIRED.toString());
            return;
        }
        InetAddress address = session.getRemoteAddress().getAddress();
        boolean close = switch (throttle.admit(address)) {
            case AuthThrottle.Verdict.Open open -> {
                auth.execute(commandString, session);
                // this failure blocked the address: UserAuthentication answered 421
                yield !session.isAuthenticated() && throttle.verdict(address) instanceof AuthThrottle.Verdict.Blocked;
            }
            case AuthThrottle.Verdict.Wait wait -> {
                session.sendResponse(Reply.authWait(wait.retryAfter()).toString());
                yield false;
            }
            case AuthThrottle.Verdict.Blocked blocked -> {
                session.sendResponse(Reply.AUTH_BLOCKED.toString());
                yield true;
            }
        };
        if (close) {
            session.quit();
        }
    }
}
