package dev.postern.email;

import java.util.regex.Pattern;

/** Reads and writes the RFC 5322 mailbox form {@code "Display Name" <local@domain>}. */
final class MailboxText {
    /** A phrase that needs no quotes: atext (including UTF-8 per RFC 6532) and spaces. */
    private static final Pattern PLAIN_PHRASE = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~ \\P{ASCII}]+");

    private MailboxText() {}

    /** {@code [name or null, address]} of a mailbox, or {@code null} if its brackets or quotes do not balance. */
    static String[] split(String text) {
        String s = text.strip();
        if (!s.endsWith(">")) {
            return new String[] {null, s};
        }
        int open = openingBracket(s);
        if (open < 0) {
            return null;
        }
        String phrase = s.substring(0, open).strip();
        String address = s.substring(open + 1, s.length() - 1).strip();
        return new String[] {phrase.isEmpty() ? null : unquote(phrase), address};
    }

    static String format(String name, String email) {
        if (name == null) {
            return email;
        }
        if (PLAIN_PHRASE.matcher(name).matches()) {
            return name + " <" + email + ">";
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + email + ">";
    }

    /** Index of the first '<' outside a quoted string, or -1. */
    private static int openingBracket(String s) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '<' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String phrase) {
        if (phrase.length() < 2 || !phrase.startsWith("\"") || !phrase.endsWith("\"")) {
            return phrase;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < phrase.length() - 1; i++) {
            char c = phrase.charAt(i);
            if (c == '\\' && i + 1 < phrase.length() - 1) {
                c = phrase.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
