package dev.postern.provider.type;

import dev.postern.provider.transport.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * One configured provider's keys, as a {@link ProviderType} reads them: from a {@code postern.yml}
 * entry (where a problem is reported with its path and line, and reading goes on so that every
 * problem is found in one pass) or from Spring properties (where the first problem stops the
 * application, naming the property). Keys are written as in {@code postern.yml} ({@code api_key});
 * a key inside a mapping with a dot ({@code timeouts.command}).
 *
 * <p>Every read reports what is wrong with the value itself (not a string, not a whole number, out
 * of range, not a URL) and falls back; a secret's value never appears in a report.
 */
public interface AdapterKeys {

    /** Whether the key is set to something other than null. */
    boolean has(String key);

    /** The value as text, if set. */
    Optional<String> string(String key);

    /** A required, non-blank value; null after reporting that it is missing or blank. */
    String required(String key);

    /** A credential: never shown. When {@code required}, its absence is reported. */
    Optional<Secret> secret(String key, boolean required);

    /** A whole number in {@code min..max}, or {@code fallback} when unset or (after a report) invalid. */
    long integer(String key, long fallback, long min, long max);

    /** {@code true} or {@code false}, or {@code fallback}. */
    boolean bool(String key, boolean fallback);

    /** A positive duration such as {@code 30s}, or {@code fallback}. */
    Duration duration(String key, Duration fallback);

    /** An absolute http(s) URL, if set and valid. */
    Optional<URI> url(String key);

    /** Reports {@code message} (a rule: "must be us or eu, but was 'mars'") against {@code key}. */
    void problem(String key, String message);

    /** How the key's value may appear in a message: quoted, or not at all when it came from the environment. */
    String shown(String key);

    /** A credential the config record needs; stops reading (after its report) when it is missing. */
    default Secret requiredSecret(String key) {
        return present(secret(key, true).orElse(null));
    }

    /**
     * {@code text} as an absolute http(s) URL with a host, or empty when it is not one: the one rule
     * behind every implementation's {@link #url}.
     */
    static Optional<URI> httpUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            if (uri.isAbsolute()
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // not a URL: empty, as for any other refusal
        }
        return Optional.empty();
    }

    /** {@code value}, or a stop when it is null because its problem was already reported. */
    static <T> T present(T value) {
        if (value == null) {
            throw new Reported();
        }
        return value;
    }

    /** A value a config record needs was missing and is already reported: stop building it. */
    final class Reported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Reported() {
            super(null, null, false, false);
        }
    }
}
