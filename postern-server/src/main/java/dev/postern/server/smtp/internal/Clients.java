package dev.postern.server.smtp.internal;

import dev.postern.server.auth.SmtpUser;
import dev.postern.server.auth.TrustedNetworks;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.server.Session;

/** Builds the {@link Client} view of a SubEthaSMTP session. */
final class Clients {
    private final TrustedNetworks trusted;
    private final Map<String, SmtpUser> users;

    Clients(TrustedNetworks trusted, Map<String, SmtpUser> users) {
        this.trusted = trusted;
        this.users = users;
    }

    Client of(MessageContext context) {
        if (!(context instanceof Session session)) {
            throw new IllegalStateException("SubEthaSMTP passed no Session as the message context");
        }
        InetSocketAddress remote = session.getRemoteAddress();
        Optional<SmtpUser> user = session.getAuthenticationHandler()
                .map(AuthenticationHandler::getIdentity)
                .map(identity -> users.get(String.valueOf(identity)));
        return new Client(remote.getAddress(), trusted.contains(remote.getAddress()), session.isTLSStarted(), user);
    }
}
