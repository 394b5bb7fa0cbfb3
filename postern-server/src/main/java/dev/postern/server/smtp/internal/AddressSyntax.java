package dev.postern.server.smtp.internal;

import dev.postern.email.Address;
import dev.postern.email.InvalidEmailException;
import java.util.Optional;

/**
 * Envelope addresses must be addresses Postern can send to and from ({@link Address}'s rules), so a
 * bad one is refused at once rather than after the whole message was read.
 */
final class AddressSyntax implements MailHook, RcptHook {

    @Override
    public Optional<Reply> onMail(Client client, String reversePath) {
        if (reversePath.isEmpty()) {
            return Optional.empty(); // MAIL FROM:<> (a bounce) is legal
        }
        return problem(reversePath).map(p -> new Reply(553, "5.1.7 Bad sender address syntax: " + p));
    }

    @Override
    public Optional<Reply> onRcpt(Client client, String recipient, int accepted) {
        return problem(recipient).map(p -> new Reply(553, "5.1.3 Bad recipient address syntax: " + p));
    }

    private static Optional<String> problem(String address) {
        try {
            Address.of(address);
            return Optional.empty();
        } catch (InvalidEmailException e) {
            return Optional.of(e.problems().getFirst().message());
        }
    }
}
