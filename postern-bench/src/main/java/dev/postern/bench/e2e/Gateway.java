package dev.postern.bench.e2e;

import dev.postern.server.auth.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system under test in its own process: Postern ({@code postern serve} from the server's CLI)
 * or the {@link NaiveGateway} baseline, both from one {@code postern.yml} written here, on free
 * loopback ports. Also the load tool's HTTP client for it.
 */
final class Gateway implements AutoCloseable {
    static final String API_KEY = "pst_bench-api-key-5d2f8c1e9a7b3046";
    static final String FROM = "Shop <orders@shop.example>";

    /** What runs: Postern, or the naive design it is compared with. */
    enum Kind {
        POSTERN,
        NAIVE
    }

    /** One provider: a simulator of {@code type} ({@code emailr} or {@code http}) at {@code url}. */
    record Provider(String name, String type, int priority, URI url, String extraYaml) {
        Provider(String name, String type, int priority, URI url) {
            this(name, type, priority, url, "");
        }

        String yaml() {
            String endpoint = type.equals("http")
                    ? "url: " + url + "/messages\n    api_key: " + SimHostMain.WEBHOOK_KEY
                    : "base_url: " + url + "\n    api_key: " + SimHostMain.EMAILR_KEY;
            return """
                      - name: %s
                        type: %s
                        priority: %d
                        %s
                        %s
                    """.formatted(name, type, priority, endpoint, extraYaml.replace("\n", "\n    "));
        }
    }

    /** JVM options for the gateway's and the baseline's processes ({@code --gateway-jvm}); none by default. */
    private static volatile List<String> jvmOptions = List.of();

    final Kind kind;
    final URI http;
    final int smtpPort;
    private final Child child;
    final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Gateway(Kind kind, Child child, int httpPort, int smtpPort) {
        this.kind = kind;
        this.child = child;
        this.http = URI.create("http://127.0.0.1:" + httpPort);
        this.smtpPort = smtpPort;
    }

    /** Writes the configuration and starts {@code kind} on it; returns once it answers {@code /healthz}. */
    static Gateway start(Kind kind, Path dir, String store, String routingYaml, List<Provider> providers) {
        int httpPort = freePort();
        int smtpPort = freePort();
        StringBuilder yaml =
                new StringBuilder("""
                server:
                  http: { listen: 127.0.0.1:%d }
                  smtp: { listen: 127.0.0.1:%d }
                store: %s
                auth:
                  api_keys:
                    - { name: bench, key_sha256: %s, scopes: [send, admin], sender_domains: ["*"] }
                  trusted_networks: [127.0.0.1/32]
                routing: %s
                providers:
                """.formatted(httpPort, smtpPort, store, Hashes.sha256Hex(API_KEY), routingYaml));
        providers.forEach(p -> yaml.append(p.yaml()));
        Path config = dir.resolve(kind.name().toLowerCase(java.util.Locale.ROOT) + ".yml");
        try {
            Files.writeString(config, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Child child = kind == Kind.POSTERN
                ? Child.start(
                        "gateway",
                        dir,
                        jvmOptions,
                        "dev.postern.server.cli.Main",
                        List.of("serve", "--config", config.toString()))
                : Child.start("naive", dir, jvmOptions, NaiveGateway.class.getName(), List.of(config.toString()));
        Gateway gateway = new Gateway(kind, child, httpPort, smtpPort);
        child.await(() -> gateway.status("GET", "/healthz") == 200);
        return gateway;
    }

    /** Sets the JVM options of every gateway and baseline process started from now on. */
    static void jvmOptions(List<String> options) {
        jvmOptions = List.copyOf(options);
    }

    long pid() {
        return child.pid();
    }

    Child process() {
        return child;
    }

    /** One message of about {@code bytes} bytes of JSON, as the HTTP API takes it. */
    static String message(int bytes) {
        String head = "{\"from\": \"" + FROM
                + "\", \"to\": [\"ada@example.com\"], \"subject\": \"Your receipt\", \"text\": \"";
        return head + "x".repeat(Math.max(1, bytes - head.length() - 2)) + "\"}";
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(http.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + API_KEY);
    }

    /** POSTs {@code json}; the answer (status and body), or status 0 when no answer came. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return client.send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String get(String path) {
        try {
            return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int status(String method, String path) {
        try {
            return client.send(
                            request(path)
                                    .timeout(Duration.ofSeconds(2))
                                    .method(method, HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The sum of the Prometheus samples of {@code metric} whose labels contain every one of {@code labels}. */
    double metric(String metric, String... labels) {
        double sum = 0;
        Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(get("/metrics"));
        next:
        while (m.find()) {
            String tags = m.group(1) == null ? "" : m.group(1);
            for (String label : labels) {
                if (!tags.contains(label)) {
                    continue next;
                }
            }
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        child.close();
    }
}
