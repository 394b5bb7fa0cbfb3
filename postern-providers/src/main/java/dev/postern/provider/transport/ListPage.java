package dev.postern.provider.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.provider.SuppressionSourceException;
import java.io.IOException;
import java.net.http.HttpRequest;

/**
 * One page of a provider's list read over its API for an import: a GET with the transport's
 * timeouts and answer cap, whose JSON answer is returned, or a {@link SuppressionSourceException}
 * saying why not (never with the credentials).
 */
public final class ListPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ListPage() {}

    public static JsonNode get(HttpTransport transport, HttpRequest.Builder request, String provider) {
        String path = request.copy().build().uri().getPath();
        return switch (transport.send(request.GET())) {
            case HttpAnswer.Failed f ->
                throw new SuppressionSourceException(provider + " could not be reached at " + path + ": "
                        + f.outcome().detail());
            case HttpAnswer.Answered a -> {
                if (a.status() == 401 || a.status() == 403) {
                    throw new SuppressionSourceException(
                            provider + " refused the credentials at " + path + " (" + a.status() + ")");
                }
                if (a.status() != 200) {
                    throw new SuppressionSourceException(provider + " answered " + a.status() + " at " + path);
                }
                try {
                    yield JSON.readTree(a.body());
                } catch (IOException e) {
                    // Also what an answer cut off at the transport's cap reads as.
                    throw new SuppressionSourceException(provider + " answered " + path
                            + " with JSON that cannot be read (or longer than Postern reads)");
                }
            }
        };
    }
}
