package dev.postern.server.smtp.internal;

import dev.postern.outbox.store.Submitter;
import dev.postern.server.auth.SmtpUser;
import java.net.InetAddress;
import java.util.Optional;

/**
 * What the relay knows about the client of one session when a hook runs: where it connects from,
 * whether that address is trusted, whether the session is encrypted, and who authenticated.
 */
public record Client(InetAddress address, boolean trusted, boolean tls, Optional<SmtpUser> user) {

    /** Relays without AUTH, from a trusted network, are all recorded under this one submitter. */
    public static final Submitter TRUSTED_NETWORK = new Submitter("smtp_trusted_network");

    public boolean authenticated() {
        return user.isPresent();
    }

    /** Who the outbox records as handing over this client's mail: its user, else the trusted network. */
    public Submitter submitter() {
        return user.map(SmtpUser::submitter).orElse(TRUSTED_NETWORK);
    }
}
