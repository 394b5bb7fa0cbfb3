package dev.postern.doctor.internal;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Judges a DKIM key record as RFC 6376 §3.6.1 does: a tag list where {@code v=DKIM1} is optional
 * (but, when present, first), {@code p=} is required, an empty {@code p=} means the key is revoked,
 * and {@code k=}, when present, names a key type verifiers know.
 */
final class DkimKey {
    private static final Set<String> KEY_TYPES = Set.of("rsa", "ed25519");

    private DkimKey() {}

    /** Why the record is not a usable key, or empty when it is one. */
    static Optional<String> problem(String record) {
        String[] tags = record.split(";");
        Set<String> seen = new HashSet<>();
        String key = null;
        for (int i = 0; i < tags.length; i++) {
            String tag = tags[i].strip();
            if (tag.isEmpty()) {
                continue;
            }
            int equals = tag.indexOf('=');
            if (equals <= 0) {
                return Optional.of("not a DKIM tag list ('" + tag + "' has no '=')");
            }
            String name = tag.substring(0, equals).strip();
            String value = tag.substring(equals + 1).replaceAll("\\s+", "");
            if (!seen.add(name)) {
                return Optional.of("tag " + name + "= appears twice");
            }
            switch (name) {
                case "v" -> {
                    if (i != 0) {
                        return Optional.of("v= must be the first tag");
                    }
                    if (!value.equals("DKIM1")) {
                        return Optional.of("v=" + value + " is not v=DKIM1");
                    }
                }
                case "k" -> {
                    if (!KEY_TYPES.contains(value)) {
                        return Optional.of("unknown key type k=" + value);
                    }
                }
                case "p" -> key = value;
                default -> {
                    // h=, s=, t=, n= and unknown tags do not make a key unusable
                }
            }
        }
        if (key == null) {
            return Optional.of("no p= tag (the public key is required)");
        }
        if (key.isEmpty()) {
            return Optional.of("p= is empty: the key is revoked");
        }
        if (!key.matches("[A-Za-z0-9+/]+={0,2}")) {
            return Optional.of("p= is not Base64");
        }
        return Optional.empty();
    }
}
