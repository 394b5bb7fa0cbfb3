package dev.postern.sim.mailgun;

import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.ReceivedMessage.ReceivedAttachment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an accepted send form into a {@link ReceivedMessage}. */
final class MailgunMessages {
    private MailgunMessages() {}

    static ReceivedMessage parse(String id, MailgunForm form) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> variables = new LinkedHashMap<>();
        List<ReceivedAttachment> attachments = new ArrayList<>();
        for (MailgunForm.Part p : form.parts()) {
            if (p.filename() != null) {
                if (p.name().equals("attachment") || p.name().equals("inline")) {
                    attachments.add(new ReceivedAttachment(p.filename(), p.contentType(), p.content()));
                }
            } else if (p.name().startsWith("h:")) {
                headers.put(p.name().substring(2), p.text());
            } else if (p.name().startsWith("v:")) {
                variables.put(p.name().substring(2), p.text());
            }
        }
        return new ReceivedMessage(
                id,
                form.first("from"),
                mailboxes(form.values("to")),
                mailboxes(form.values("cc")),
                mailboxes(form.values("bcc")),
                form.first("subject"),
                form.first("text"),
                form.first("html"),
                headers,
                variables,
                form.values("o:tag"),
                attachments);
    }

    /** Each value may list several mailboxes, comma-separated; commas inside quotes or brackets do not split. */
    static List<String> mailboxes(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            boolean quoted = false;
            int angle = 0;
            int start = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\' && quoted) {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == '<') {
                    angle++;
                } else if (!quoted && c == '>') {
                    angle--;
                } else if (!quoted && angle == 0 && c == ',') {
                    add(out, value.substring(start, i));
                    start = i + 1;
                }
            }
            add(out, value.substring(start));
        }
        return out;
    }

    private static void add(List<String> out, String mailbox) {
        if (!mailbox.isBlank()) {
            out.add(mailbox.strip());
        }
    }
}
