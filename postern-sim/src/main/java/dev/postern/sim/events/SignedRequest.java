package dev.postern.sim.events;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A webhook request as the provider would POST it: its headers (signature included) and body bytes,
 * exactly the bytes that were signed.
 *
 * @param what a short label for the control API's record ({@code bounce}, {@code SubscriptionConfirmation})
 */
public record SignedRequest(String what, Map<String, String> headers, byte[] body) {
    public SignedRequest {
        headers = Map.copyOf(headers);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            // a CR or LF would split the header: never let one through
            if (header.getValue().indexOf('\r') >= 0 || header.getValue().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + header.getKey() + " must not contain CR or LF");
            }
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
