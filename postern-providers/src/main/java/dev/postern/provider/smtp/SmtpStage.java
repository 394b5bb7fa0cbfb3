package dev.postern.provider.smtp;

/**
 * Where an SMTP conversation stood when it failed: the command whose reply was awaited. The stage
 * decides what a failure means, above all whether the relay may already have the message.
 */
enum SmtpStage {
    /** Opening the TCP connection (and the implicit-TLS handshake). Nothing sent. */
    CONNECT("connect"),
    /** Waiting for the 220 greeting. */
    GREETING("greeting"),
    /** EHLO (or HELO). */
    EHLO("EHLO"),
    /** STARTTLS and the handshake after it. */
    STARTTLS("STARTTLS"),
    /** AUTH, or the idle step between EHLO and MAIL when no AUTH is configured. */
    AUTH("AUTH"),
    /** MAIL FROM. */
    MAIL("MAIL FROM"),
    /** RCPT TO. */
    RCPT("RCPT TO"),
    /** The DATA command, before the body. */
    DATA("DATA"),
    /** Writing the body: the relay cannot accept a message whose final dot it has not read. */
    BODY("message body"),
    /** The final {@code .} was sent (or being sent): the relay may have taken the message. */
    AFTER_DOT("final dot");

    private final String label;

    SmtpStage(String label) {
        this.label = label;
    }

    /** True once the relay may hold the message, so that losing its answer is ambiguous. */
    boolean handedOver() {
        return this == AFTER_DOT;
    }

    @Override
    public String toString() {
        return label;
    }
}
