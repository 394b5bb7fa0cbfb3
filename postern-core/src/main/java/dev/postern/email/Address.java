package dev.postern.email;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mailbox: an email address and an optional display name. Constructing one validates it: the
 * local part is an RFC 5321/5322 dot-atom or quoted string of at most 64 octets (UTF-8 allowed,
 * RFC 6531/6532), the domain a host name (internationalised domains allowed), the whole at most 254
 * octets; the name holds no CR, LF or other control characters. Violations throw {@link
 * InvalidEmailException} with field {@code address}.
 *
 * @param email the address, e.g. {@code ada@example.com}; kept as given (domain not lower-cased)
 * @param name the display name, or {@code null}; surrounding spaces are stripped, blank names become {@code null}
 */
public record Address(String email, String name) {
    /** Something that reads as an address: a local part, '@', and a domain with at least one dot. */
    private static final Pattern ADDRESS_LIKE =
            Pattern.compile("[^\\s@<>\"]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");

    public Address {
        Problems problems = new Problems();
        String emailProblem = AddressSyntax.problem(email);
        if (emailProblem != null) {
            problems.add("address", emailProblem);
        }
        // checked before stripping, so "Ada\r\n" is rejected rather than silently cleaned
        String nameProblem = name == null ? null : Text.lineOrControlProblem(name, false);
        name = name == null || name.isBlank() ? null : name.strip();
        if (nameProblem != null) {
            problems.add("address", "display name " + nameProblem);
        } else if (name != null && name.length() > EmailLimits.MAX_DISPLAY_NAME_LENGTH) {
            problems.add("address", "display name " + Text.tooLong(EmailLimits.MAX_DISPLAY_NAME_LENGTH, name));
        }
        problems.throwIfAny();
    }

    /**
     * Parses {@code Ada Lovelace <ada@example.com>}, {@code "Lovelace, Ada" <ada@example.com>} or a
     * bare {@code ada@example.com}.
     */
    public static Address parse(String mailbox) {
        if (mailbox == null) {
            return new Address(null, null);
        }
        // checked before the surrounding whitespace is stripped: a line break is never cleaned away
        String lineProblem = Text.lineOrControlProblem(mailbox, false);
        String[] parts = lineProblem == null ? MailboxText.split(mailbox) : null;
        if (parts == null) {
            Problems problems = new Problems();
            problems.add(
                    "address",
                    lineProblem != null
                            ? "a mailbox " + lineProblem
                            : Text.show(mailbox) + " is not a valid mailbox: '>' without '<', or an unclosed '\"'");
            problems.throwIfAny();
        }
        return new Address(parts[1], parts[0]);
    }

    public static Address of(String email) {
        return new Address(email, null);
    }

    public static Address of(String email, String name) {
        return new Address(email, name);
    }

    /** The part before the last {@code @}, as given (quotes included if quoted). */
    public String localPart() {
        return email.substring(0, email.lastIndexOf('@'));
    }

    /** The part after the last {@code @}, as given (Unicode if internationalised). */
    public String domain() {
        return email.substring(email.lastIndexOf('@') + 1);
    }

    /**
     * Why this mailbox misleads as a sender, if it does: a display name that holds an address
     * ({@code "ceo@bank.example" <x@shop.example>}) shows readers a sender the message is not from.
     * The gateway refuses such a {@code From} unless the sender's key allows it.
     */
    public Optional<String> senderNameProblem() {
        if (name == null || !ADDRESS_LIKE.matcher(name).find()) {
            return Optional.empty();
        }
        return Optional.of("the display name must not hold an address, since readers would take it for the sender,"
                + " but was " + Text.show(name));
    }

    /** The address with its domain in ASCII (punycode), as providers and SMTP need it. */
    public String asciiEmail() {
        return localPart() + "@" + AddressSyntax.toAscii(domain());
    }

    /** The RFC 5322 mailbox: {@code "Lovelace, Ada" <ada@example.com>}, or the bare address. */
    @Override
    public String toString() {
        return MailboxText.format(name, email);
    }
}
