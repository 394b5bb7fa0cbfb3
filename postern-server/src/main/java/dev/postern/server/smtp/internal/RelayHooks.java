package dev.postern.server.smtp.internal;

import dev.postern.outbox.store.Suppressions;
import dev.postern.server.config.Carriers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /**
     * The standard chain; reads as the relay's policy.
     *
     * @param suppressions the list whose addresses {@code RCPT TO} refuses; empty to accept them
     *     (the dispatcher skips them anyway)
     */
    static RelayHooks standard(
            TlsPolicy tls,
            int maxRecipients,
            Sessions sessions,
            Carriers carriers,
            Optional<Suppressions> suppressions) {
        AddressSyntax syntax = new AddressSyntax();
        SenderDomainCheck senderDomains = new SenderDomainCheck();
        return new RelayHooks(
                List.of(sessions::refuseWhileDraining, new RelayPermission(tls), syntax, senderDomains),
                rcpt(new RecipientLimit(maxRecipients), syntax, suppressions),
                List.of(senderDomains, new CarriableCheck(carriers)));
    }

    private static List<RcptHook> rcpt(
            RecipientLimit limit, AddressSyntax syntax, Optional<Suppressions> suppressions) {
        List<RcptHook> hooks = new ArrayList<>(List.of(limit, syntax));
        suppressions.ifPresent(s -> hooks.add(new SuppressedRecipient(s)));
        return hooks;
    }
}
