package dev.postern.sim.smtp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A refusal the simulator gives one recipient at {@code RCPT TO}: a 4xx or 5xx code and its text. */
record RecipientReply(int code, String text) {
    private static final Pattern REPLY = Pattern.compile("([45]\\d\\d) (.+)");

    static RecipientReply parse(String reply) {
        Matcher m = REPLY.matcher(reply.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "a recipient reply must be a 4xx or 5xx code and a text, like \"550 5.1.1 User unknown\", but was "
                            + reply);
        }
        return new RecipientReply(Integer.parseInt(m.group(1)), m.group(2));
    }
}
