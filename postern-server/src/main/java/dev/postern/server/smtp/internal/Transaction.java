package dev.postern.server.smtp.internal;

import dev.postern.email.Email;
import dev.postern.email.InvalidEmailException;
import dev.postern.outbox.OutboxUnavailableException;
import dev.postern.outbox.store.Accepted;
import dev.postern.outbox.store.Envelope;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One mail transaction, MAIL to the final dot: runs the hooks of each stage, reads and parses the
 * message, and answers {@code 250 2.0.0 queued as <id>} only after the intake returned, that is
 * once the message is durable. When it cannot be stored the reply is 4xx, so the client keeps it.
 */
final class Transaction implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

    private final Relay relay;
    private final MessageContext context;
    private final List<String> recipients = new ArrayList<>();
    private String reversePath;
    private volatile boolean dataRead;

    Transaction(Relay relay, MessageContext context) {
        this.relay = relay;
        this.context = context;
    }

    @Override
    public void from(String from) throws RejectException {
        Client client = relay.clients().of(context);
        for (MailHook hook : relay.hooks().mail()) {
            refuseIf(hook.onMail(client, from), client);
        }
        reversePath = from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        Client client = relay.clients().of(context);
        for (RcptHook hook : relay.hooks().rcpt()) {
            refuseIf(hook.onRcpt(client, recipient, recipients.size()), client);
        }
        recipients.add(recipient);
    }

    /**
     * Reads, parses and stores the message. An {@link Error} on the way ends this message, never the
     * session: the rest of the data is read past so the session stays in step, and the reply says
     * whether to try again. A {@link StackOverflowError} is {@code 554}: the same message would
     * overflow the same stack again. An {@link OutOfMemoryError} is {@code 452}: the heap is shared
     * by every session and the dispatcher, so running out says more about the load of the moment
     * than about this message, which is within {@code max_message_bytes}; refusing it for good would
     * bounce mail that goes through minutes later. Any other error is {@code 451}, logged with its
     * trace, since it is a fault of the relay and the client must keep the message.
     */
    @Override
    public String data(InputStream data) throws RejectException, IOException {
        try {
            return receive(data);
        } catch (StackOverflowError e) {
            throw afterError(data, Reply.TOO_COMPLEX, "the stack overflowed");
        } catch (OutOfMemoryError e) {
            throw afterError(data, Reply.OUT_OF_MEMORY, "the heap ran out");
        } catch (Error e) {
            LOG.error("message not handled, answered 451", e);
            throw afterError(data, Reply.LOCAL_ERROR, e.toString());
        } finally {
            dataRead = true;
        }
    }

    private RejectException afterError(InputStream data, Reply reply, String what) throws IOException {
        DataReader.drain(data);
        Client client = relay.clients().of(context);
        LOG.warn(
                "message from {} not handled ({}), answered {}",
                client.address().getHostAddress(),
                what,
                reply.code());
        return refusal(reply, client);
    }

    /** True once the message data was read, whatever the reply: the transaction is over. */
    boolean dataRead() {
        return dataRead;
    }

    private String receive(InputStream data) throws RejectException, IOException {
        Client client = relay.clients().of(context);
        Optional<byte[]> read = DataReader.read(data, relay.maxMessageBytes());
        if (read.isEmpty()) {
            throw refusal(Reply.messageTooBig(relay.maxMessageBytes()), client);
        }
        byte[] mime = read.get();
        Envelope envelope = new Envelope(reversePath, recipients);
        Email parsed = parse(mime, envelope, client);
        for (MessageHook hook : relay.hooks().message()) {
            refuseIf(hook.onMessage(client, parsed), client);
        }
        Accepted accepted = store(mime, envelope, parsed, client);
        LOG.info(
                "queued {} from {} ({}) for {} recipients, {} bytes",
                accepted.id(),
                client.address().getHostAddress(),
                client.user().map(u -> "user " + u.username()).orElse("trusted network"),
                recipients.size(),
                mime.length);
        return "2.0.0 queued as " + accepted.id();
    }

    private Email parse(byte[] mime, Envelope envelope, Client client) throws RejectException {
        Optional<String> lineProblem = LineEndings.problem(mime);
        if (lineProblem.isPresent()) {
            throw refusal(
                    new Reply(
                            554,
                            "5.6.0 Message refused: " + lineProblem.get()
                                    + "; lines must end with CRLF (RFC 5321 section 2.3.8)"),
                    client);
        }
        try {
            return MimeReader.read(mime, envelope);
        } catch (InvalidEmailException e) {
            throw refusal(new Reply(554, "5.6.0 Message content invalid: " + e.getMessage()), client);
        } catch (MessagingException | IOException e) {
            throw refusal(new Reply(554, "5.6.0 Message could not be parsed: " + e.getMessage()), client);
        }
    }

    private Accepted store(byte[] mime, Envelope envelope, Email parsed, Client client) throws RejectException {
        try {
            return relay.intake().accept(mime, envelope, parsed, client.submitter());
        } catch (OutboxUnavailableException e) {
            Reply reply = switch (e.reason()) {
                case FULL -> Reply.OUTBOX_FULL;
                case STORE_UNAVAILABLE -> Reply.STORE_UNAVAILABLE;
                case CLOSED -> Reply.SHUTTING_DOWN;
            };
            LOG.warn("not stored, answered {}: {}", reply.code(), e.getMessage());
            throw refusal(reply, client);
        } catch (RuntimeException e) {
            // whatever broke, the message is not known to be durable: the client must keep it
            LOG.error("not stored, answered 451", e);
            throw refusal(Reply.STORE_UNAVAILABLE, client);
        }
    }

    private static void refuseIf(Optional<Reply> reply, Client client) throws RejectException {
        if (reply.isPresent()) {
            throw refusal(reply.get(), client);
        }
    }

    private static RejectException refusal(Reply reply, Client client) {
        LOG.debug("refused {}: {}", client.address().getHostAddress(), reply);
        return reply.exception();
    }

    @Override
    public void done() {
        // nothing held between transactions
    }
}
