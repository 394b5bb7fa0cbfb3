package dev.postern.sim.smtp;

import dev.postern.sim.Fault;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * One mail transaction in the simulator: MAIL FROM, RCPT TO, DATA. Faults act at the stage a real
 * relay shows them: {@code error} and {@code rate_limit} at MAIL FROM, {@code reject_recipient} at
 * RCPT TO, and {@code hang}, {@code slow}, {@code garbage} and {@code reset_after_body} once the
 * final dot has been read.
 */
final class SimMessageHandler implements MessageHandler {
    /** Reply texts for {@code error(code)}; other codes get a generic text with class.3.0. */
    private static final Map<Integer, String> ERROR_TEXTS = Map.of(
            421, "4.3.2 Service not available, closing transmission channel",
            450, "4.2.0 Mailbox temporarily unavailable",
            451, "4.3.0 Local error in processing, try again later",
            452, "4.3.1 Insufficient system storage",
            550, "5.7.1 Service refused",
            554, "5.3.0 Transaction failed");

    private final SmtpSimulator simulator;
    private final MessageContext context;
    private final List<String> recipients = new ArrayList<>();

    SimMessageHandler(SmtpSimulator simulator, MessageContext context) {
        this.simulator = simulator;
        this.context = context;
    }

    @Override
    public void from(String from) throws RejectException {
        switch (simulator.fault()) {
            case Fault.Error error -> throw errorReply(error.status());
            case Fault.RateLimit limit -> throw new DropConnectionException(421, "4.7.0 Too many messages, slow down");
            default -> {
                // normal service
            }
        }
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        if (simulator.fault() instanceof Fault.RejectRecipient) {
            throw new RejectException(550, "5.1.1 <" + recipient + ">: Recipient address rejected: User unknown");
        }
        RecipientReply reply = simulator.replyFor(recipient);
        if (reply != null) {
            throw new RejectException(reply.code(), reply.text());
        }
        recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        byte[] raw = data.readAllBytes();
        switch (simulator.fault()) {
            case Fault.Hang hang -> {
                simulator.hangUntilReleased();
                throw drop();
            }
            case Fault.Slow slow -> SmtpSimulator.pause(slow.delay());
            case Fault.Garbage garbage -> {
                session().sendResponse("%%% <<garbage>> not an SMTP reply");
                throw drop();
            }
            case Fault.ResetAfterBody reset -> throw drop();
            default -> {
                // normal service
            }
        }
        return accept(raw);
    }

    private String accept(byte[] raw) throws RejectException {
        try {
            MimeMessage message = ReceivedParser.parse(raw);
            if (message.getHeader("From") == null || message.getFrom() == null) {
                throw new RejectException(554, "5.6.0 Message has no From header");
            }
            String id = message.getMessageID() != null ? message.getMessageID() : simulator.nextId();
            simulator.record(ReceivedParser.read(message, id, recipients), recipients);
            return "2.0.0 Ok: queued as " + id;
        } catch (MessagingException | IOException e) {
            throw new RejectException(554, "5.6.0 Message could not be parsed: " + e.getMessage());
        }
    }

    @Override
    public void done() {
        recipients.clear();
    }

    private static RejectException errorReply(int code) {
        String text = ERROR_TEXTS.getOrDefault(code, (code / 100) + ".3.0 Simulated error");
        // 421 closes the channel (RFC 5321 §3.8); other codes leave the session open.
        return code == 421 ? new DropConnectionException(code, text) : new RejectException(code, text);
    }

    /** Closes the connection with no reply at all; SubEthaSMTP's own reply then fails to go out. */
    private RejectException drop() throws IOException {
        session().closeSocket();
        return new RejectException(451, "connection closed by the simulator");
    }

    private Session session() {
        if (context instanceof Session session) {
            return session;
        }
        throw new IllegalStateException("SubEthaSMTP passed no Session as the message context");
    }
}
