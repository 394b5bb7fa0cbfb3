package dev.postern.server.smtp.internal;

import dev.postern.email.Address;
import dev.postern.email.Email;
import dev.postern.server.auth.SmtpUser;
import java.util.Optional;

/**
 * An authenticated user sends only as its {@code sender_domains}: the envelope sender is checked
 * at MAIL, the {@code From:} header once the message is parsed (else MAIL FROM could be honest and
 * the visible sender forged). A trusted client that did not AUTH has no user and no domain limit.
 * A {@code From:} display name that holds an address is refused ({@code 554 5.6.0}) unless the
 * user's configuration allows it; a trusted client without a user has no such allowance.
 */
final class SenderDomainCheck implements MailHook, MessageHook {

    @Override
    public Optional<Reply> onMail(Client client, String reversePath) {
        if (client.user().isEmpty() || reversePath.isEmpty()) {
            return Optional.empty(); // a bounce names no sender; its From: is checked below
        }
        return refusal(client.user().get(), domainOf(reversePath), 553, "envelope sender");
    }

    @Override
    public Optional<Reply> onMessage(Client client, Email parsed) {
        Address from = parsed.from();
        if (client.user().map(user -> !user.addressInFromName()).orElse(true)) {
            Optional<String> problem = from.senderNameProblem();
            if (problem.isPresent()) {
                return Optional.of(new Reply(554, "5.6.0 Message content invalid: from: " + problem.get()));
            }
        }
        if (client.user().isEmpty()) {
            return Optional.empty();
        }
        return refusal(client.user().get(), from.domain(), 550, "From: header");
    }

    private static Optional<Reply> refusal(SmtpUser user, String domain, int code, String where) {
        if (user.senderDomains().allows(domain)) {
            return Optional.empty();
        }
        return Optional.of(new Reply(
                code, "5.7.1 Sender domain " + domain + " (" + where + ") is not allowed for user " + user.username()));
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
