package dev.postern.email;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules an {@link Email} must satisfy, each reported under its JSON field name. */
final class EmailRules {
    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private EmailRules() {}

    static void check(Email e, Problems p) {
        if (e.from() == null) {
            p.add("from", "is required");
        }
        recipients(e, p);
        nullElements("reply_to", e.replyTo(), p);
        subject(e.subject(), p);
        if (isEmpty(e.text()) && isEmpty(e.html())) {
            p.add("text", "text or html is required, but both are empty");
        }
        HeaderRules.check(e.headers(), p);
        if (e.attachments().size() > EmailLimits.MAX_ATTACHMENTS) {
            p.add(
                    "attachments",
                    "at most %d allowed, but was %d"
                            .formatted(
                                    EmailLimits.MAX_ATTACHMENTS, e.attachments().size()));
        }
        nullElements("attachments", e.attachments(), p);
        tags(e.tags(), p);
        metadata(e.metadata(), p);
        if (e.sizeBytes() > EmailLimits.MAX_SIZE_BYTES) {
            p.add(
                    SizeEstimate.largestPart(e),
                    "the message must be at most %d bytes encoded, but was about %d"
                            .formatted(EmailLimits.MAX_SIZE_BYTES, e.sizeBytes()));
        }
    }

    private static void recipients(Email e, Problems p) {
        Map<String, String> seen = new HashMap<>();
        int total = 0;
        for (var field : List.of(Map.entry("to", e.to()), Map.entry("cc", e.cc()), Map.entry("bcc", e.bcc()))) {
            List<Address> list = field.getValue();
            total += list.size();
            for (int i = 0; i < list.size(); i++) {
                String name = field.getKey() + "[" + i + "]";
                Address a = list.get(i);
                if (a == null) {
                    p.add(name, "is required");
                    continue;
                }
                // local parts are case-sensitive (RFC 5321 §2.4), domains are not
                String key =
                        a.localPart() + "@" + AddressSyntax.toAscii(a.domain()).toLowerCase(Locale.ROOT);
                String earlier = seen.putIfAbsent(key, name);
                if (earlier != null) {
                    p.add(name, Text.show(a.email()) + " duplicates " + earlier + "; each recipient may appear once");
                }
            }
        }
        if (total == 0) {
            p.add("to", "at least one recipient in to, cc or bcc is required");
        } else if (total > EmailLimits.MAX_RECIPIENTS) {
            p.add(
                    "to",
                    "at most %d recipients across to, cc and bcc allowed, but was %d"
                            .formatted(EmailLimits.MAX_RECIPIENTS, total));
        }
    }

    private static void subject(String subject, Problems p) {
        if (subject == null) {
            p.add("subject", "is required (may be empty)");
            return;
        }
        String problem = Text.lineOrControlProblem(subject, false);
        if (problem != null) {
            p.add("subject", problem);
        } else if (subject.length() > EmailLimits.MAX_SUBJECT_LENGTH) {
            p.add("subject", Text.tooLong(EmailLimits.MAX_SUBJECT_LENGTH, subject));
        }
    }

    private static void tags(List<String> tags, Problems p) {
        if (tags.size() > EmailLimits.MAX_TAGS) {
            p.add("tags", "at most %d allowed, but was %d".formatted(EmailLimits.MAX_TAGS, tags.size()));
        }
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            String problem = tag == null || tag.isBlank()
                    ? "must not be blank, but was " + Text.show(tag)
                    : Text.lineOrControlProblem(tag, false);
            if (problem == null && tag.length() > EmailLimits.MAX_TAG_LENGTH) {
                problem = Text.tooLong(EmailLimits.MAX_TAG_LENGTH, tag);
            }
            if (problem != null) {
                p.add("tags[" + i + "]", problem);
            }
        }
    }

    private static void metadata(Map<String, String> metadata, Problems p) {
        if (metadata.size() > EmailLimits.MAX_METADATA_ENTRIES) {
            p.add(
                    "metadata",
                    "at most %d entries allowed, but was %d"
                            .formatted(EmailLimits.MAX_METADATA_ENTRIES, metadata.size()));
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            String field = "metadata." + (key == null ? "null" : Text.fieldKey(key));
            if (key == null || !METADATA_KEY.matcher(key).matches()) {
                p.add(field, "a key must match [A-Za-z0-9_.-]{1,128}, but was " + Text.show(key));
                continue;
            }
            if (key.equals("postern_id")) {
                p.add(field, "the key postern_id is reserved: Postern writes it to correlate attempts");
            }
            String value = entry.getValue();
            String problem =
                    value == null ? "a value is required (may be empty)" : Text.lineOrControlProblem(value, false);
            if (problem == null && value.length() > EmailLimits.MAX_METADATA_VALUE_LENGTH) {
                problem = Text.tooLong(EmailLimits.MAX_METADATA_VALUE_LENGTH, value);
            }
            if (problem != null) {
                p.add(field, problem);
            }
        }
    }

    private static void nullElements(String field, List<?> list, Problems p) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                p.add(field + "[" + i + "]", "is required");
            }
        }
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
