package dev.postern.email;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.regex.Pattern;

/**
 * Address syntax: RFC 5321/5322 local parts (dot-atom or quoted string, UTF-8 allowed per RFC
 * 6531/6532) and host-name domains (LDH labels, internationalised names by UTS #46, {@link DomainNames}). Domain literals and
 * comments are not accepted: no provider Postern targets takes them.
 */
final class AddressSyntax {
    /** RFC 5322 atext plus any non-ASCII character (RFC 6532 UTF8-non-ascii). */
    private static final Pattern ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~\\P{ASCII}]+");

    private static final Pattern LDH_LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");

    private AddressSyntax() {}

    /** Why {@code email} is not a valid address, or {@code null} when it is. */
    static String problem(String email) {
        if (email == null) {
            return "is required";
        }
        String reason = reason(email);
        return reason == null ? null : Text.show(email) + " is not a valid address: " + reason;
    }

    private static String reason(String email) {
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return "it has no '@'";
        }
        String local = email.substring(0, at);
        String localProblem = localPartProblem(local);
        if (localProblem != null) {
            return localProblem;
        }
        String domain = email.substring(at + 1);
        String domainProblem = domainProblem(domain);
        if (domainProblem != null) {
            return domainProblem;
        }
        int octets = local.getBytes(UTF_8).length + 1 + toAscii(domain).length();
        if (octets > EmailLimits.MAX_ADDRESS_OCTETS) {
            return "it must be at most %d octets, but was %d".formatted(EmailLimits.MAX_ADDRESS_OCTETS, octets);
        }
        return null;
    }

    private static String localPartProblem(String local) {
        if (local.isEmpty()) {
            return "the local part (before '@') is empty";
        }
        int octets = local.getBytes(UTF_8).length;
        if (octets > EmailLimits.MAX_LOCAL_PART_OCTETS) {
            return "the local part must be at most %d octets, but was %d"
                    .formatted(EmailLimits.MAX_LOCAL_PART_OCTETS, octets);
        }
        if (local.chars().anyMatch(c -> Text.isLineOrControl((char) c))) {
            return "the local part contains a control character";
        }
        if (local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"")) {
            return quotedProblem(local.substring(1, local.length() - 1));
        }
        for (String atom : local.split("\\.", -1)) {
            if (atom.isEmpty()) {
                return "the local part must not start or end with '.' or contain '..'";
            }
            if (!ATOM.matcher(atom).matches()) {
                return "the local part has a character not allowed unquoted (e.g. space, '@', '\"', '(', ',')";
            }
        }
        return null;
    }

    /** RFC 5322 qcontent: printable characters and space, '"' and '\' only escaped. */
    private static String quotedProblem(String content) {
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (Text.isLineOrControl(c)) {
                return "the quoted local part contains a control character";
            }
            if (c == '\\') {
                i++; // quoted-pair: the next character is taken literally
                if (i == content.length() || Text.isLineOrControl(content.charAt(i))) {
                    return "the quoted local part has a dangling '\\'";
                }
            } else if (c == '"') {
                return "the quoted local part has an unescaped '\"'";
            }
        }
        return null;
    }

    /** The domain in ASCII (punycode) form; only for domains without a {@link #domainProblem}. */
    static String toAscii(String domain) {
        return DomainNames.toAscii(domain);
    }

    private static String domainProblem(String domain) {
        if (domain.isEmpty()) {
            return "the domain (after '@') is empty";
        }
        String ascii;
        try {
            ascii = toAscii(domain);
        } catch (IllegalArgumentException e) {
            return "the domain is not a valid host name (" + e.getMessage() + ")";
        }
        if (ascii.length() > EmailLimits.MAX_DOMAIN_LENGTH) {
            return "the domain must be at most %d characters, but was %d"
                    .formatted(EmailLimits.MAX_DOMAIN_LENGTH, ascii.length());
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty()) {
                return "the domain has an empty label (leading, trailing or double '.')";
            }
            if (label.length() > EmailLimits.MAX_LABEL_LENGTH) {
                return "the domain has a label longer than %d characters".formatted(EmailLimits.MAX_LABEL_LENGTH);
            }
            if (!LDH_LABEL.matcher(label).matches()) {
                return "the domain label " + Text.show(label) + " is not letters, digits and inner hyphens";
            }
        }
        return null;
    }
}
