package dev.postern.doctor.internal;

import java.util.List;
import java.util.Locale;

/** Picks SPF records out of a name's TXT records and splits them into terms (RFC 7208 §4.5, §4.6). */
final class SpfRecords {
    private SpfRecords() {}

    /** The TXT values that are SPF records: those starting with {@code v=spf1} followed by a space or nothing. */
    static List<String> in(Answer answer) {
        if (!(answer instanceof Answer.Found found)) {
            return List.of();
        }
        return found.values().stream().filter(SpfRecords::isSpf).toList();
    }

    static boolean isSpf(String txt) {
        String text = txt.strip().toLowerCase(Locale.ROOT);
        return text.equals("v=spf1") || text.startsWith("v=spf1 ");
    }

    /** The terms after {@code v=spf1}, lower case. */
    static List<String> terms(String record) {
        String[] words = record.strip().toLowerCase(Locale.ROOT).split("\\s+");
        return List.of(words).subList(1, words.length);
    }

    /** The mechanism or modifier name of a term, without qualifier, argument or CIDR length. */
    static String name(String term) {
        String body = withoutQualifier(term);
        int end = body.length();
        for (char stop : new char[] {':', '=', '/'}) {
            int at = body.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return body.substring(0, end);
    }

    /** The domain after {@code include:} or {@code redirect=}. */
    static String target(String term) {
        String body = withoutQualifier(term);
        int at = Math.max(body.indexOf(':'), body.indexOf('='));
        String target = at < 0 ? "" : body.substring(at + 1);
        return target.endsWith(".") ? target.substring(0, target.length() - 1) : target;
    }

    static char qualifier(String term) {
        char first = term.charAt(0);
        return "+-~?".indexOf(first) >= 0 ? first : '+';
    }

    private static String withoutQualifier(String term) {
        return "+-~?".indexOf(term.charAt(0)) >= 0 ? term.substring(1) : term;
    }
}
