package dev.postern.server.smtp.internal;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.command.AuthCommand;
import org.subethamail.smtp.server.Session;

/**
 * AUTH, refused with {@code 538 5.7.11} (RFC 4954) while {@link TlsPolicy} wants STARTTLS first, so
 * a password never crosses the network in clear once a certificate is configured. Otherwise
 * SubEthaSMTP's AUTH runs unchanged.
 */
final class TlsGuardedAuth extends org.subethamail.smtp.internal.server.BaseCommand {
    private final AuthCommand auth = new AuthCommand();
    private final Clients clients;
    private final TlsPolicy tls;

    TlsGuardedAuth(Clients clients, TlsPolicy tls) {
        super(AuthCommand.VERB, "Authentication service");
        this.clients = clients;
        this.tls = tls;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!session.isAuthenticated() && tls.authNeedsTls(clients.of(session))) {
            session.sendResponse(Reply.ENCRYPTION_REQUIRED.toString());
            return;
        }
        auth.execute(commandString, session);
    }
}
