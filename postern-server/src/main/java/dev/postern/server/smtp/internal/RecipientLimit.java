package dev.postern.server.smtp.internal;

import java.util.Optional;

/**
 * At most {@code max_recipients} per message. The excess recipient gets {@code 452 4.5.3}, which
 * RFC 5321 §4.5.3.1.10 lets clients read as "send the rest in another transaction".
 */
final class RecipientLimit implements RcptHook {
    private final int max;

    RecipientLimit(int max) {
        this.max = max;
    }

    @Override
    public Optional<Reply> onRcpt(Client client, String recipient, int accepted) {
        return accepted >= max ? Optional.of(Reply.TOO_MANY_RECIPIENTS) : Optional.empty();
    }
}
