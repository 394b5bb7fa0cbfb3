package dev.postern.outbox.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a process accepting and dispatching mail is killed with SIGKILL at a random moment;
 * after a restart on the same database every message whose accept had returned is delivered, and
 * duplicates are at most the rounds that were in flight at the kill.
 *
 * <p>"In flight at the kill" is measured from the database the dead process left: the messages
 * still {@code sending} are exactly the rounds that were claimed and not yet recorded. A duplicate
 * needs a hand-off whose success was never recorded, so only those can be sent twice.
 */
class CrashTest {
    private static final Pattern ACCEPTED = Pattern.compile("accepted ([0-9A-Z]{26})");

    @TempDir
    Path dir;

    private HttpServer sink;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicInteger sinkSeq = new AtomicInteger();

    @BeforeEach
    void startSink() throws IOException {
        sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sink.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        sink.createContext("/messages", exchange -> {
            String id = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            byte[] answer = ("sink-" + sinkSeq.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        sink.start();
    }

    @AfterEach
    void stopSink() {
        sink.stop(0);
    }

    @Test
    void killedMidStreamThenRestartedDeliversEveryAcceptedMessageWithDuplicatesOnlyFromRoundsInFlight()
            throws Exception {
        Path db = dir.resolve("postern.db");
        List<String> printed = new CopyOnWriteArrayList<>();
        int killAfter = ThreadLocalRandom.current().nextInt(200, 1500);

        Process first = child(db, 8, printed);
        await().atMost(Duration.ofSeconds(30)).until(() -> printed.size() >= killAfter && !received.isEmpty());
        first.destroyForcibly();
        first.waitFor();
        drainOutput(first, printed);

        long inFlightAtKill = count(db, "SELECT COUNT(*) FROM messages WHERE status = 'sending'");
        Process second = child(db, 0, new CopyOnWriteArrayList<>());
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> count(db, "SELECT COUNT(*) FROM messages WHERE status <> 'delivered'") == 0);
        } finally {
            second.destroy();
            second.waitFor();
        }

        List<String> accepted = printed.stream().distinct().toList();
        long delivered = accepted.stream().filter(received::containsKey).count();
        int duplicates = received.values().stream().mapToInt(n -> n.get() - 1).sum();
        System.out.printf(
                "crash test: accepted %d, delivered %d, duplicates %d, in flight at kill <= %d (killed after %d accepts)%n",
                accepted.size(), delivered, duplicates, inFlightAtKill, killAfter);

        assertThat(accepted).hasSizeGreaterThanOrEqualTo(killAfter);
        assertThat(delivered).isEqualTo(accepted.size());
        assertThat((long) duplicates).isLessThanOrEqualTo(inFlightAtKill);
    }

    private Process child(Path db, int threads, List<String> printed) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashChild.class.getName(),
                        db.toString(),
                        "http://127.0.0.1:" + sink.getAddress().getPort() + "/messages",
                        Integer.toString(threads))
                .redirectError(dir.resolve("child-" + threads + ".err").toFile())
                .start();
        Thread.ofVirtual().start(() -> drainOutput(process, printed));
        return process;
    }

    /** Collects every complete {@code accepted ID} line; a line cut by the kill is not a returned accept. */
    private static void drainOutput(Process process, List<String> printed) {
        synchronized (process) {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = ACCEPTED.matcher(line);
                    if (m.matches()) {
                        printed.add(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the stream closes when the process dies; what was read is what was printed
            }
        }
    }

    private static long count(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
