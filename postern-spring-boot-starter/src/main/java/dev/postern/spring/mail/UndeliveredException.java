package dev.postern.spring.mail;

import dev.postern.SendResult;
import dev.postern.error.PosternException;

/**
 * No provider accepted a message: {@link SendResult.Status#REJECTED} (trying again will not help)
 * or {@link SendResult.Status#DEFERRED} (every provider failed or was out of rotation; it may be
 * retried). Found in {@link org.springframework.mail.MailSendException#getFailedMessages()}.
 */
public final class UndeliveredException extends PosternException {
    private static final long serialVersionUID = 1L;

    private final transient SendResult result;

    UndeliveredException(SendResult result) {
        super(result.status() + " (message " + result.messageId() + ", "
                + result.attempts().size() + " attempts): " + result.detail());
        this.result = result;
    }

    /** What Postern did: the status and every attempt. */
    public SendResult result() {
        return result;
    }
}
