package dev.postern.server.smtp.internal;

import dev.postern.server.auth.SmtpUser;
import java.net.InetAddress;
import java.util.Optional;

/**
 * What the relay knows about the client of one session when a hook runs: where it connects from,
 * whether that address is trusted, whether the session is encrypted, and who authenticated.
 */
public record Client(InetAddress address, boolean trusted, boolean tls, Optional<SmtpUser> user) {

    public boolean authenticated() {
        return user.isPresent();
    }
}
