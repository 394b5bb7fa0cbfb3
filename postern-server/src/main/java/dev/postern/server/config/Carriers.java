package dev.postern.server.config;

import dev.postern.email.Email;
import dev.postern.provider.Capabilities;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured providers' capabilities by name, asked whether any of them could ever take a
 * message. Both doors ask before they answer: a message no provider can carry (too large, cc or
 * bcc none can send) is refused — {@code 422} over HTTP, {@code 554} over SMTP — rather than
 * accepted to fail without an attempt.
 */
public record Carriers(Map<String, Capabilities> byProvider) {

    public Carriers {
        byProvider = Collections.unmodifiableMap(new LinkedHashMap<>(byProvider));
    }

    /** Empty when some provider can carry {@code email}; else every provider's reason, {@code "name: reason; …"}. */
    public Optional<String> refusal(Email email) {
        List<String> refusals = new ArrayList<>();
        for (Map.Entry<String, Capabilities> c : byProvider.entrySet()) {
            Optional<String> refusal = c.getValue().refusal(email);
            if (refusal.isEmpty()) {
                return Optional.empty();
            }
            refusals.add(c.getKey() + ": " + refusal.get());
        }
        return Optional.of(String.join("; ", refusals));
    }
}
