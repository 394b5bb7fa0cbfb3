package dev.postern.provider.smtp;

import dev.postern.email.Address;
import dev.postern.email.Email;
import dev.postern.provider.RefusedRecipient;
import dev.postern.provider.SendOutcome;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * The relay's refusals at {@code RCPT TO}, read from what Angus throws under {@code
 * mail.smtp.sendpartial}: the message went to the recipients the relay took (Angus throws after
 * the final dot was answered 250), or to none (Angus sent {@code RSET}, the connection is fine).
 * A refusal is the recipient's own answer unless the reply speaks of the relay itself ({@link
 * SmtpClassifier#aboutTheRelay}); such a reply with no recipient taken is the attempt's outcome,
 * as before. With some recipients taken, even a relay's reply only defers its recipient.
 */
final class RecipientAnswers {
    private RecipientAnswers() {}

    /**
     * The outcome {@code failure} means for the recipients of {@code email}, or empty when it is no
     * refusal of recipients (then {@link SmtpFailure} reads it).
     */
    static Optional<SendOutcome> read(MessagingException failure, Email email, String messageId) {
        if (!(failure instanceof SendFailedException)) {
            return Optional.empty();
        }
        List<SMTPAddressFailedException> refusals = refusals(failure);
        if (refusals.isEmpty()) {
            return Optional.empty();
        }
        boolean sent = failure instanceof SMTPSendFailedException f && f.getReturnCode() == 250;
        if (!sent) {
            for (SMTPAddressFailedException r : refusals) {
                if (SmtpClassifier.aboutTheRelay(r.getReturnCode(), r.getMessage())) {
                    return Optional.of(SmtpClassifier.classify(SmtpStage.RCPT, r.getReturnCode(), r.getMessage()));
                }
            }
        }
        Map<String, String> names = new HashMap<>();
        for (Address recipient : email.allRecipients()) {
            names.put(key(recipient.asciiEmail()), recipient.email());
        }
        List<RefusedRecipient> refused = new ArrayList<>();
        for (SMTPAddressFailedException r : refusals) {
            String address = r.getAddress().getAddress();
            boolean permanent =
                    r.getReturnCode() >= 500 && !SmtpClassifier.aboutTheRelay(r.getReturnCode(), r.getMessage());
            refused.add(new RefusedRecipient(
                    names.getOrDefault(key(address), address),
                    permanent,
                    SmtpClassifier.oneLine(r.getMessage(), r.getReturnCode())));
        }
        return Optional.of(
                sent ? new SendOutcome.Accepted(messageId, refused) : new SendOutcome.RecipientsRefused(refused));
    }

    /** Angus chains one exception per refused recipient behind the one it throws. */
    private static List<SMTPAddressFailedException> refusals(MessagingException failure) {
        List<SMTPAddressFailedException> found = new ArrayList<>();
        for (Exception next = failure.getNextException(); next != null; ) {
            if (next instanceof SMTPAddressFailedException refusal) {
                found.add(refusal);
            }
            next = next instanceof MessagingException m ? m.getNextException() : null;
        }
        return found;
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
