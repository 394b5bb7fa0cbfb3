package dev.postern.server.smtp.internal;

/**
 * When a password may cross the connection: with a certificate configured, {@code AUTH} needs
 * {@code STARTTLS} first, except from a loopback client (the password then never leaves the host,
 * and local applications need not trust a certificate issued for a public name). Without a
 * certificate there is no TLS to require.
 *
 * @param plaintextAuthOnLoopback false only in tests, which all run on loopback
 */
public record TlsPolicy(boolean tlsConfigured, boolean plaintextAuthOnLoopback) {

    /** True when this client must issue STARTTLS before it may AUTH. */
    public boolean authNeedsTls(Client client) {
        if (!tlsConfigured || client.tls()) {
            return false;
        }
        return !(plaintextAuthOnLoopback && client.address().isLoopbackAddress());
    }
}
