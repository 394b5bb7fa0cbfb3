package dev.postern.provider;

/**
 * How far one attempt has got, as its adapter reports it through {@link AttemptContext#phase}. Only
 * {@link #AWAITING_ANSWER} means the provider may have the message; before it, abandoning the
 * attempt cannot duplicate the message (docs/routing.md).
 */
public enum AttemptPhase {
    /** Opening the connection (TCP, and TLS when it is implicit). */
    CONNECTING,
    /** Connected, not yet sending the message: SMTP greeting, EHLO, STARTTLS, AUTH. */
    PREPARING,
    /** Sending the envelope or the body; the provider cannot take the message before it is whole. */
    SENDING,
    /** Handed over: the provider may have the message; only its answer (or a timeout) tells. */
    AWAITING_ANSWER
}
