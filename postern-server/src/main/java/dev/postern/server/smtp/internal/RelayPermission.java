package dev.postern.server.smtp.internal;

import java.util.Optional;

/**
 * Never an open relay: a transaction starts only for a client that authenticated or connects from
 * a trusted network. Checked at MAIL because AUTH may come any time before it.
 */
final class RelayPermission implements MailHook {
    private final TlsPolicy tls;

    RelayPermission(TlsPolicy tls) {
        this.tls = tls;
    }

    @Override
    public Optional<Reply> onMail(Client client, String reversePath) {
        if (client.authenticated() || client.trusted()) {
            return Optional.empty();
        }
        return Optional.of(tls.authNeedsTls(client) ? Reply.AUTH_REQUIRED_AFTER_STARTTLS : Reply.AUTH_REQUIRED);
    }
}
