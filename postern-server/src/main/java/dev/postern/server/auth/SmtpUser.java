package dev.postern.server.auth;

import dev.postern.outbox.store.Submitter;
import java.util.Objects;

/**
 * One SMTP relay user as configured: the password is never stored, only its SHA-256.
 *
 * @param addressInFromName {@code auth.smtp_users[].allow_address_in_from_name}: whether this user
 *     may send with a {@code From} display name that holds an address (refused by default)
 */
public record SmtpUser(String username, String passwordSha256, SenderDomains senderDomains, boolean addressInFromName) {

    public SmtpUser {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        if (!Hashes.isSha256Hex(passwordSha256)) {
            throw new IllegalArgumentException(
                    "password_sha256 must be 64 lower-case hex characters (postern key new prints one)");
        }
        Objects.requireNonNull(senderDomains, "sender_domains");
    }

    /** A user held to the default: no address in a {@code From} display name. */
    public SmtpUser(String username, String passwordSha256, SenderDomains senderDomains) {
        this(username, passwordSha256, senderDomains, false);
    }

    /** Who this user is to the outbox: the messages it relays are recorded as its own. */
    public Submitter submitter() {
        return new Submitter("smtp_user:" + username);
    }
}
