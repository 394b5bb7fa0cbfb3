package dev.postern.provider.transport;

import dev.postern.provider.SendOutcome;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * What came back from one HTTP call: an answer to classify, or a failure already classified
 * (nothing to read, so the adapter has nothing to add).
 */
public sealed interface HttpAnswer {

    /** The provider answered. */
    record Answered(int status, HttpHeaders headers, byte[] body) implements HttpAnswer {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * No answer: {@link SendOutcome.Unavailable} when the request cannot have reached the provider
     * (connect refused or timed out, TLS failure), {@link SendOutcome.Ambiguous} when it may have.
     */
    record Failed(SendOutcome outcome) implements HttpAnswer {}
}
