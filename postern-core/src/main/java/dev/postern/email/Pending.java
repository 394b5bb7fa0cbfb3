package dev.postern.email;

import dev.postern.email.InvalidEmailException.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builder input not yet validated: address strings and attachment parts, turned into values at
 * {@code build()} so that problems name the indexed field ({@code to[2]}, {@code
 * attachments[0].filename}). A value that fails becomes {@code null}, keeping later indexes stable.
 */
final class Pending {
    /** An attachment given as parts; the content is already copied. */
    record AttachmentParts(String filename, String contentType, byte[] content) {}

    private Pending() {}

    static Address address(Object value, String field, Problems problems) {
        try {
            return value instanceof Address a ? a : Address.parse((String) value);
        } catch (InvalidEmailException e) {
            problems.addUnder(field, e, false);
            return null;
        }
    }

    static List<Address> addresses(List<Object> values, String field, Problems problems) {
        List<Address> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(address(values.get(i), field + "[" + i + "]", problems));
        }
        return out;
    }

    static List<Attachment> attachments(List<Object> values, Problems problems) {
        List<Attachment> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            try {
                out.add(
                        values.get(i) instanceof AttachmentParts p
                                ? Attachment.of(p.filename(), p.contentType(), p.content())
                                : (Attachment) values.get(i));
            } catch (InvalidEmailException e) {
                problems.addUnder("attachments[" + i + "]", e, true);
                out.add(null);
            }
        }
        return out;
    }

    /** Adds the email's own problems, except those about a field input parsing already reported. */
    static void merge(List<Problem> emailProblems, Problems problems) {
        List<Problem> reported = problems.list();
        for (Problem p : emailProblems) {
            boolean known = reported.stream()
                    .anyMatch(r -> r.field().equals(p.field()) || r.field().startsWith(p.field() + "."));
            if (!known) {
                problems.add(p.field(), p.message());
            }
        }
    }

    static List<Object> all(Object[] values) {
        return Arrays.asList(values.clone());
    }
}
