package dev.postern.email;

/** Rules for free text that ends up in a header line, and a safe way to quote offending values. */
final class Text {
    private static final int SHOWN = 40;

    private Text() {}

    /**
     * Quotes a value for an error message: at most 40 characters, control characters visible as
     * {@code \r}, {@code \n}, {@code \t}, {@code \0} or {@code \}{@code uXXXX}.
     */
    static String show(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(value.length(), SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\0' -> out.append("\\0");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(isLineOrControl(c) ? String.format("\\u%04X", (int) c) : c);
            }
        }
        out.append('"');
        if (value.length() > SHOWN) {
            out.append("... (").append(value.length()).append(" chars)");
        }
        return out.toString();
    }

    /**
     * The broken rule if {@code value} holds a line break or a control character (TAB only when
     * {@code tabAllowed}), else {@code null}. CR and LF are named separately: they are the header
     * injection this guards against.
     */
    static String lineOrControlProblem(String value, boolean tabAllowed) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            return "must not contain CR or LF, but was " + show(value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isLineOrControl(c) && !(tabAllowed && c == '\t')) {
                return "must not contain control characters (found U+%04X), but was %s".formatted((int) c, show(value));
            }
        }
        return null;
    }

    /** ISO controls (C0, DEL, C1) and the Unicode line and paragraph separators. */
    static boolean isLineOrControl(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    /** A map key as it appears in a field name such as {@code headers.X-Custom}: shown, unquoted. */
    static String fieldKey(String key) {
        String shown = show(key);
        int closing = shown.lastIndexOf('"');
        return key == null ? shown : shown.substring(1, closing) + shown.substring(closing + 1);
    }

    static String tooLong(int max, String value) {
        return "must be at most %d characters, but was %d: %s".formatted(max, value.length(), show(value));
    }
}
