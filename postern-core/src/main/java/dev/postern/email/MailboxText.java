package dev.postern.email;

/** Reads and writes the RFC 5322 mailbox form {@code "Display Name" <local@domain>}. */
final class MailboxText {
    /** The ASCII atext characters besides letters and digits (RFC 5322 §3.2.3). */
    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

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
        if (plainPhrase(name)) {
            return name + " <" + email + ">";
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + email + ">";
    }

    /**
     * Whether a phrase needs no quotes: atext (including UTF-8 per RFC 6532) and spaces only. A
     * loop, not a pattern: every stored message's sender is formatted on its way to the store.
     */
    private static boolean plainPhrase(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c > 0x7f
                    || (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == ' '
                    || ATEXT_SYMBOLS.indexOf(c) >= 0;
            if (!plain) {
                return false;
            }
        }
        return true;
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
