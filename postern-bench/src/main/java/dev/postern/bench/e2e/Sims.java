package dev.postern.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulators' child process ({@link SimHostMain}) as the load tool sees it: URLs and faults. */
final class Sims implements AutoCloseable {
    private final Child child;
    private final URI control;
    private final Map<String, URI> urls = new LinkedHashMap<>();
    private final HttpClient client = HttpClient.newHttpClient();

    /** Starts simulators named by {@code specs} ({@code NAME=TYPE[@PER_SECOND]}, see {@link SimHostMain}). */
    Sims(Path dir, List<String> specs) {
        child = Child.start("simulators", dir, List.of("-Xmx512m"), SimHostMain.class.getName(), specs);
        control = URI.create(child.awaitLine("ready "));
        for (String spec : specs) {
            String name = spec.substring(0, spec.indexOf('='));
            urls.put(name, URI.create(child.awaitLine("sim " + name + " ")));
        }
    }

    URI url(String name) {
        return urls.get(name);
    }

    /** Sets a fault in its text form ({@code hang}, {@code slow(50ms)}, {@code down}, {@code ok}). */
    void fault(String name, String fault) {
        HttpRequest put = HttpRequest.newBuilder(control.resolve("/_sim/" + name + "/fault"))
                .timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString(fault))
                .build();
        String answer = send(put);
        if (answer == null) {
            throw new IllegalStateException("could not set fault " + fault + " on " + name);
        }
    }

    /** A limited simulator's counts: sends passed on, sends answered 429. */
    long[] frontStats(String name) {
        String[] words = send(HttpRequest.newBuilder(url(name).resolve("/_front/stats"))
                        .timeout(Duration.ofSeconds(10))
                        .build())
                .split(" ");
        return new long[] {Long.parseLong(words[1]), Long.parseLong(words[3])};
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2 ? response.body() : null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> specs(String... specs) {
        return new ArrayList<>(List.of(specs));
    }

    @Override
    public void close() {
        client.close();
        child.close();
    }
}
