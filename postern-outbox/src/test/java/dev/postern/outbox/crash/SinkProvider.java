package dev.postern.outbox.crash;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** A provider that hands each message to an HTTP sink on loopback: a real network hand-off. */
final class SinkProvider implements Provider {
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI sink;

    SinkProvider(URI sink) {
        this.sink = sink;
    }

    @Override
    public String type() {
        return "sink";
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        HttpRequest request = HttpRequest.newBuilder(sink)
                .timeout(Duration.ofSeconds(5))
                .header("X-Postern-Id", context.messageId())
                .POST(HttpRequest.BodyPublishers.ofString(context.messageId()))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? new SendOutcome.Accepted(response.body())
                    : new SendOutcome.Unavailable("sink answered " + response.statusCode());
        } catch (HttpTimeoutException e) {
            return new SendOutcome.Ambiguous("sink did not answer in time");
        } catch (IOException e) {
            return new SendOutcome.Unavailable("sink unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Unavailable("interrupted");
        }
    }

    @Override
    public HealthResult checkHealth() {
        return HealthResult.up();
    }
}
