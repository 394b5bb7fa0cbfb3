package dev.postern.server.smtp.internal;

import dev.postern.server.config.Carriers;
import java.util.List;

/**
 * The relay's rules, in the order they run: a transaction passes every hook of its stage or gets
 * the first refusal.
 */
public record RelayHooks(List<MailHook> mail, List<RcptHook> rcpt, List<MessageHook> message) {

    public RelayHooks {
        mail = List.copyOf(mail);
        rcpt = List.copyOf(rcpt);
        message = List.copyOf(message);
    }

    /** The standard chain; reads as the relay's policy. */
    static RelayHooks standard(TlsPolicy tls, int maxRecipients, Sessions sessions, Carriers carriers) {
        AddressSyntax syntax = new AddressSyntax();
        SenderDomainCheck senderDomains = new SenderDomainCheck();
        return new RelayHooks(
                List.of(sessions::refuseWhileDraining, new RelayPermission(tls), syntax, senderDomains),
                List.of(new RecipientLimit(maxRecipients), syntax),
                List.of(senderDomains, new CarriableCheck(carriers)));
    }
}
