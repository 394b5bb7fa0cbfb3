package dev.postern.degradation.internal;

import dev.postern.email.Address;
import dev.postern.email.Email;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A message's recipients as parts. Splits a message with more recipients than a provider takes into parts of at most that many,
 * in order (to, then cc, then bcc), each recipient keeping its field. Every part carries the same
 * content; only the envelope differs. Splitting is deterministic, so a retry of the same message
 * to the same provider produces the same parts (and the same idempotency keys).
 */
public final class Recipients {
    private Recipients() {}

    private enum Field {
        TO,
        CC,
        BCC
    }

    private record Recipient(Field field, Address address) {}

    static List<Email> split(Email email, int max) {
        if (email.allRecipients().size() <= max) {
            return List.of(email);
        }
        List<Recipient> all = recipients(email);
        List<Email> parts = new ArrayList<>();
        for (int from = 0; from < all.size(); from += max) {
            parts.add(part(email, all.subList(from, Math.min(all.size(), from + max))));
        }
        return parts;
    }

    /**
     * {@code email} addressed only to those of its recipients not in {@code done}, or null when
     * none is left: what still has to go after some parts were accepted.
     */
    public static Email without(Email email, Set<Address> done) {
        return email.onlyTo(a -> !done.contains(a)).orElse(null);
    }

    private static Email part(Email email, List<Recipient> recipients) {
        return new Email(
                email.from(),
                of(recipients, Field.TO),
                of(recipients, Field.CC),
                of(recipients, Field.BCC),
                email.replyTo(),
                email.subject(),
                email.text(),
                email.html(),
                email.headers(),
                email.attachments(),
                email.tags(),
                email.metadata(),
                email.tracking());
    }

    private static List<Recipient> recipients(Email email) {
        List<Recipient> all = new ArrayList<>();
        email.to().forEach(a -> all.add(new Recipient(Field.TO, a)));
        email.cc().forEach(a -> all.add(new Recipient(Field.CC, a)));
        email.bcc().forEach(a -> all.add(new Recipient(Field.BCC, a)));
        return all;
    }

    private static List<Address> of(List<Recipient> recipients, Field field) {
        return recipients.stream()
                .filter(r -> r.field() == field)
                .map(Recipient::address)
                .toList();
    }
}
