package dev.postern.server;

import static dev.postern.server.TestGateway.EMAILR_KEY;
import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.WEBHOOK_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postern.outbox.store.TestDatabases;
import dev.postern.sim.Fault;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.emailr.EmailrSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: two gateway processes with default settings on one PostgreSQL database take load
 * from clients spread over both, through providers that answer after a second; one is killed with
 * SIGKILL mid-run and never restarted. The messages it was sending (its orphans) are settled within
 * 15 s of the kill — its heartbeat stops, the survivor finds it dead after {@code cluster.dead_after}
 * and releases its claims — rather than when their 2-minute lease ends. Every accepted message is
 * delivered exactly once, except the orphans (whose hand-off may have happened unrecorded), and no
 * message is claimed by two live instances at once: in the attempt log no two attempts of one
 * message overlap in time.
 */
class MultiInstanceCrashTest {
    private static final Pattern READY = Pattern.compile("ready (http://\\S+) (\\S+)");
    /** How long each provider takes to answer: long enough that rounds are on the wire at the kill. */
    private static final Duration PROVIDER_DELAY = Duration.ofSeconds(1);
    /** The target with default settings ({@code cluster.dead_after} 10 s, lease 2 min). */
    private static final Duration ORPHANS_SETTLED_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @AfterAll
    static void dropDatabases() {
        TestDatabases.dropAll();
    }

    @Test
    void oneOfTwoGatewaysKilledMidRunLosesNothingAndItsClaimsMoveWithinSeconds() throws Exception {
        String store = TestDatabases.create();
        try (EmailrSimulator emailr = new EmailrSimulator(0, EMAILR_KEY);
                WebhookSimulator webhook = new WebhookSimulator(0, WEBHOOK_KEY)) {
            emailr.start();
            webhook.start();
            // slow answers, so that the killed instance has rounds on the wire
            emailr.fault(new Fault.Slow(PROVIDER_DELAY));
            webhook.fault(new Fault.Slow(PROVIDER_DELAY));
            List<Process> children = new ArrayList<>();
            try {
                List<URI> urls = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    CompletableFuture<Matcher> ready = new CompletableFuture<>();
                    children.add(child(i, store, emailr.baseUrl(), webhook.baseUrl(), ready));
                    Matcher m = ready.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    urls.add(URI.create(m.group(1)));
                    ids.add(m.group(2));
                }
                Set<String> accepted = ConcurrentHashMap.newKeySet();
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> clients = Stream.iterate(0, i -> i + 1)
                        .limit(6)
                        .map(i -> Thread.ofVirtual().start(() -> load(urls, i, accepted, stop)))
                        .toList();
                int killAfter = ThreadLocalRandom.current().nextInt(300, 600);
                await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= killAfter);
                children.getFirst().destroyForcibly().waitFor();
                long killedAt = System.nanoTime();
                // claimed under the id its heartbeat carried, so that the claims follow the heartbeat
                Set<String> orphans = sendingBy(store, ids.getFirst());
                assertThat(orphans)
                        .as("messages the killed instance was sending")
                        .isNotEmpty();
                int atKill = accepted.size();
                // the clients go on against the survivor alone
                await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= atKill + 200);
                stop.set(true);
                for (Thread t : clients) {
                    t.join();
                }
                await().atMost(ORPHANS_SETTLED_WITHIN)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> unsettled(store, orphans) == 0);
                Duration orphansTook = Duration.ofNanos(System.nanoTime() - killedAt);
                await().atMost(Duration.ofSeconds(60)).until(() -> undelivered(store) == 0);

                Map<String, Integer> deliveries = new HashMap<>();
                Stream.concat(emailr.received().stream(), webhook.received().stream())
                        .map(MultiInstanceCrashTest::posternId)
                        .forEach(id -> deliveries.merge(id, 1, Integer::sum));
                Set<String> duplicated = new HashSet<>();
                deliveries.forEach((id, n) -> {
                    if (n > 1) {
                        duplicated.add(id);
                    }
                });
                long delivered =
                        accepted.stream().filter(deliveries::containsKey).count();
                int overlapping = overlappingAttempts(store);
                System.out.printf(
                        "multi-instance crash test: accepted %d (%d before the kill), delivered %d, duplicates %d,"
                                + " on the wire at the kill %d, orphans settled %.1f s after the kill,"
                                + " overlapping attempts %d%n",
                        accepted.size(),
                        atKill,
                        delivered,
                        duplicated.size(),
                        orphans.size(),
                        orphansTook.toMillis() / 1000.0,
                        overlapping);

                assertThat(delivered).isEqualTo(accepted.size());
                assertThat(orphans).containsAll(duplicated);
                assertThat(overlapping).isZero();
            } finally {
                for (Process p : children) {
                    p.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** Posts single messages to the gateways in turn; a refused or failed post goes to the next. */
    private static void load(List<URI> urls, int client, Set<String> accepted, AtomicBoolean stop) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String body = TestGateway.message("orders@shop.example", "ada@example.com");
        for (int n = client; !stop.get(); n++) {
            URI url = urls.get(n % urls.size()).resolve("/v1/messages");
            try {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + SEND_KEY)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 202) {
                    accepted.add(
                            TestGateway.JSON.readTree(answer.body()).get("id").asText());
                }
            } catch (IOException e) {
                // the killed instance: an answer never received is not an accept
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String posternId(ReceivedMessage m) {
        return m.metadata().getOrDefault("postern_id", m.header("X-Postern-Id").orElse(""));
    }

    private Process child(int n, String store, URI emailr, URI webhook, CompletableFuture<Matcher> ready)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        GatewayChild.class.getName(),
                        store,
                        emailr.toString(),
                        webhook.toString())
                .redirectError(dir.resolve("gateway-" + n + ".err").toFile())
                .start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(m);
                    }
                }
            } catch (IOException e) {
                // the process died; its output ends here
            }
        });
        return process;
    }

    /** The messages instance {@code owner} was sending: claimed, and not settled. */
    private static Set<String> sendingBy(String store, String owner) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = TestDatabases.connect(store);
                PreparedStatement select =
                        c.prepareStatement("SELECT id FROM messages WHERE status = 'sending' AND lease_owner = ?")) {
            select.setString(1, owner);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** How many of {@code ids} are not final (delivered or failed) yet. */
    private static long unsettled(String store, Set<String> ids) throws SQLException {
        try (Connection c = TestDatabases.connect(store);
                PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM messages"
                        + " WHERE id = ANY (?) AND status NOT IN ('delivered', 'failed')")) {
            count.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long undelivered(String store) throws SQLException {
        try (Connection c = TestDatabases.connect(store);
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT COUNT(*) FROM messages WHERE status <> 'delivered'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Pairs of attempts of one message whose times overlap: two claimers working on it at once. */
    private static int overlappingAttempts(String store) throws SQLException {
        try (Connection c = TestDatabases.connect(store);
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT COUNT(*) FROM attempts a JOIN attempts b ON a.message_id = b.message_id"
                                + " AND a.seq < b.seq AND b.started_at < a.started_at + a.latency_ms")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
