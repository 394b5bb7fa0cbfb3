package dev.postern.provider;

import dev.postern.error.PosternException;

/** A provider's suppression list could not be read; the message says why, never a secret. */
public final class SuppressionSourceException extends PosternException {
    private static final long serialVersionUID = 1L;

    public SuppressionSourceException(String message) {
        super(message);
    }
}
