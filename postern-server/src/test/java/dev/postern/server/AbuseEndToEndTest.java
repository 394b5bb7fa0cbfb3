package dev.postern.server;

import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.SMTP_PASSWORD;
import static dev.postern.server.TestGateway.SMTP_USER;
import static dev.postern.server.TestGateway.json;
import static dev.postern.server.TestGateway.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postern.server.auth.Hashes;
import dev.postern.server.http.BigMessages;
import dev.postern.server.http.JsonTrees;
import dev.postern.server.smtp.HostileSmtp;
import dev.postern.server.smtp.MailClient;
import dev.postern.server.smtp.MimeBomb;
import dev.postern.server.smtp.Wire;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.smtp.RawSmtp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every HTTP and SMTP attack of the hardening tests at once against ONE gateway while legitimate
 * mail flows through both doors: afterwards every legitimate message has reached a provider
 * simulator, and the gateway's platform threads and heap are back to their baseline (after GC,
 * with a tolerance), and no SMTP session is left holding a slot. Attacks run on virtual threads;
 * each asserts the answers it gets. Seeded where random; bounded by the timeouts configured (HTTP idle 2 s, SMTP command 3 s).
 */
class AbuseEndToEndTest {
    static final String LIMITED_KEY = "pst_test-limited-key-2Wm6";
    static final int PER_CLIENT = 8;
    static final long HEAP_TOLERANCE = 64L * 1024 * 1024;
    static final int THREAD_TOLERANCE = 4;
    static final Pattern QUEUED = Pattern.compile("250 2\\.0\\.0 queued as (\\S+)");

    @TempDir
    Path dir;

    @Test
    void legitimateMailIsAllDeliveredThroughEveryAttackAndResourcesReturnToBaseline() throws Exception {
        try (TestGateway gw = new TestGateway(
                dir,
                TestGateway.DEFAULT_SINKS,
                // bodies up to 8 MiB, and as much at once, so that the burst of large ones meets the limit
                "idle_timeout: 2s, max_request_bytes: 8388608, max_request_bytes_in_flight: 8388608",
                "    - { name: limited, key_sha256: %s, scopes: [send], sender_domains: [shop.example], rate_limit: { per_second: 2 } }"
                        .formatted(Hashes.sha256Hex(LIMITED_KEY)),
                "command_timeout: 3s, max_recipients: 50, max_connections_per_client: " + PER_CLIENT)) {
            Set<String> legitimate = ConcurrentHashMap.newKeySet();
            Set<String> large = ConcurrentHashMap.newKeySet();
            legitimateHttp(gw, 3, "warm", legitimate);
            legitimateSmtp(gw, 2, "warm", legitimate);
            awaitDelivered(gw, legitimate);
            Usage baseline = Usage.settled();

            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Callable<Object>> attacks = List.of(
                    () -> slowloris(gw, 30),
                    () -> slowBody(gw),
                    () -> oversizedAndNestedAndMistyped(gw),
                    () -> hugeHeaders(gw),
                    () -> rateFlood(gw),
                    () -> garbageBodies(gw, 80),
                    () -> smtpGarbage(gw, 40),
                    () -> tenThousandRecipients(gw),
                    () -> endlessData(gw),
                    () -> silentSender(gw),
                    () -> connectionFlood(gw),
                    () -> smtpPasswordGuessing(gw),
                    () -> apiKeyGuessing(gw),
                    () -> idleAnonymousSessions(gw, legitimate),
                    () -> mimeBombs(gw),
                    () -> parallelLargeBodies(gw, large));
            List<Future<Object>> running = new ArrayList<>();
            for (Callable<Object> attack : attacks) {
                running.add(pool.submit(attack));
            }
            Future<?> http = pool.submit(() -> legitimateHttp(gw, 40, "live", legitimate));
            Future<?> smtp = pool.submit(() -> legitimateSmtp(gw, 10, "live", legitimate));
            http.get(30, TimeUnit.SECONDS);
            smtp.get(30, TimeUnit.SECONDS);
            for (Future<Object> attack : running) {
                attack.get(30, TimeUnit.SECONDS); // rethrows what an attack's own assertions found
            }
            pool.shutdown();

            assertThat(legitimate).hasSize(56);
            awaitDelivered(gw, legitimate);
            awaitDelivered(gw, large);
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> Usage.settled().assertWithin(baseline));
            assertEverySessionSlotIsFree(gw);
            System.out.printf(
                    "AbuseEndToEndTest: %d legitimate messages delivered; baseline %s, after %s%n",
                    legitimate.size(), baseline, Usage.settled());
        }
    }

    /**
     * Platform threads and used heap after a GC. The JDK HttpClient's workers (the test's client and
     * the provider adapters') are counted apart: they are a cached pool that keeps idle threads for
     * 60 s, so they must stay bounded rather than be back at once; Awaitility's own thread is the test's.
     */
    record Usage(int threads, int httpClientWorkers, long heap) {
        static Usage settled() {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            int threads = 0;
            int workers = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().matches("HttpClient-\\d+-Worker-\\d+")) {
                    workers++;
                } else if (!t.getName().startsWith("awaitility")) {
                    threads++;
                }
            }
            return new Usage(threads, workers, rt.totalMemory() - rt.freeMemory());
        }

        void assertWithin(Usage baseline) {
            assertThat(threads).as("platform threads").isLessThanOrEqualTo(baseline.threads + THREAD_TOLERANCE);
            assertThat(httpClientWorkers)
                    .as("HTTP client workers")
                    .isLessThanOrEqualTo(baseline.httpClientWorkers + 16);
            assertThat(heap).as("used heap").isLessThanOrEqualTo(baseline.heap + HEAP_TOLERANCE);
        }

        @Override
        public String toString() {
            return threads + " threads (+" + httpClientWorkers + " HTTP client workers), " + heap / (1024 * 1024)
                    + " MiB heap";
        }
    }

    // ---- legitimate traffic

    private static Void legitimateHttp(TestGateway gw, int count, String tag, Set<String> ids) {
        for (int i = 0; i < count; i++) {
            HttpResponse<String> answer = FreshHttp.post(
                    gw, "/v1/messages", SEND_KEY, message("a@shop.example", tag + "-http-" + i + "@example.com"));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            ids.add(json(answer).get("id").asText());
        }
        return null;
    }

    private static Void legitimateSmtp(TestGateway gw, int count, String tag, Set<String> ids) throws Exception {
        for (int i = 0; i < count; i++) {
            String to = tag + "-smtp-" + i + "@example.com";
            String raw = String.join(
                    "\r\n",
                    "From: Shop <orders@shop.example>",
                    "To: <" + to + ">",
                    "Subject: Receipt",
                    "",
                    "Thanks.",
                    "");
            String reply = new MailClient(gw.gateway.smtpPort()).auth("PLAIN").send(raw, SMTP_USER, SMTP_PASSWORD);
            Matcher queued = QUEUED.matcher(reply);
            assertThat(queued.find()).as(reply).isTrue();
            ids.add(queued.group(1));
        }
        return null;
    }

    private static void awaitDelivered(TestGateway gw, Set<String> ids) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Set<String> seen = new HashSet<>();
            for (ReceivedMessage m : gw.emailr.received()) {
                seen.add(m.metadata().get("postern_id"));
            }
            for (ReceivedMessage m : gw.webhook.received()) {
                seen.add(m.metadata().get("postern_id"));
                m.header("X-Postern-Id").ifPresent(seen::add);
            }
            assertThat(seen).as("delivered at the simulators").containsAll(ids);
        });
    }

    // ---- HTTP attacks

    private static Object slowloris(TestGateway gw, int connections) throws IOException {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Socket s = http(gw);
                s.getOutputStream()
                        .write("POST /v1/messages HTTP/1.1\r\nHost: x\r\nAuthoriz".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            for (Socket s : slow) {
                assertThat(readToEnd(s)).doesNotContain("HTTP/1.1 2").doesNotContain("HTTP/1.1 5");
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        return null;
    }

    private static Object slowBody(TestGateway gw) throws IOException {
        try (Socket s = http(gw)) {
            s.getOutputStream()
                    .write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SEND_KEY
                                    + "\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n{\"from\": ")
                            .getBytes(StandardCharsets.US_ASCII));
            assertThat(readToEnd(s)).doesNotContain("HTTP/1.1 2").doesNotContain("HTTP/1.1 5");
        }
        return null;
    }

    private static Object oversizedAndNestedAndMistyped(TestGateway gw) {
        String big = message("a@shop.example", "x@example.com").replace("Thanks", "x".repeat(8_400_000));
        for (int i = 0; i < 5; i++) {
            // refused before the body is read, and answered before the connection closes
            assertThat(FreshHttp.post(gw, "/v1/messages", SEND_KEY, big).statusCode())
                    .isEqualTo(413);
            String deep = "{\"subject\": " + "[".repeat(20_000) + "]".repeat(20_000) + "}";
            assertThat(FreshHttp.post(gw, "/v1/messages", SEND_KEY, deep).statusCode())
                    .isEqualTo(400);
            HttpResponse<String> typed = FreshHttp.send(gw.request("/v1/messages", SEND_KEY)
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(message("a@shop.example", "x@example.com")))
                    .build());
            assertThat(typed.statusCode()).isEqualTo(415);
        }
        return null;
    }

    private static Object hugeHeaders(TestGateway gw) throws IOException {
        for (int i = 0; i < 5; i++) {
            try (Socket s = http(gw)) {
                s.getOutputStream()
                        .write(("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Stuffing: " + "a".repeat(20 * 1024)
                                        + "\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                // 431, or, when the load delays Jetty past the idle timeout, closed without an answer
                String answer = readToEnd(s);
                assertThat(answer.isEmpty() || answer.startsWith("HTTP/1.1 431"))
                        .as(answer)
                        .isTrue();
            }
        }
        return null;
    }

    private static Object rateFlood(TestGateway gw) {
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            int status = FreshHttp.get(gw, "/v1/messages/none", LIMITED_KEY).statusCode();
            assertThat(status).isIn(404, 429);
            limited += status == 429 ? 1 : 0;
        }
        assertThat(limited).isPositive();
        return null;
    }

    private static Object garbageBodies(TestGateway gw, int count) {
        Random seeds = new Random(0xAB05E);
        for (int i = 0; i < count; i++) {
            HttpResponse<String> answer = FreshHttp.post(
                    gw,
                    "/v1/messages",
                    SEND_KEY,
                    JsonTrees.message(seeds.nextLong()).toString());
            assertThat(answer.statusCode()).as(answer.body()).isLessThan(500);
        }
        return null;
    }

    /**
     * Twelve bodies of 4 MB at once against an 8 MiB budget: each is accepted (202) or refused as
     * retryable (503 {@code overloaded} + {@code Retry-After}), never a 500; what was accepted is
     * delivered, and the ordinary messages sent meanwhile are all accepted.
     */
    private static Object parallelLargeBodies(TestGateway gw, Set<String> accepted) throws Exception {
        String body = new String(
                BigMessages.body(BigMessages.email("Large", "x", BigMessages.bytes(3_000_000, 7))),
                StandardCharsets.UTF_8);
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                burst.add(senders.submit(() -> FreshHttp.post(gw, "/v1/messages", SEND_KEY, body)));
            }
            int refused = 0;
            for (Future<HttpResponse<String>> f : burst) {
                HttpResponse<String> answer = f.get(60, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.body()).isIn(202, 503);
                if (answer.statusCode() == 202) {
                    accepted.add(json(answer).get("id").asText());
                } else {
                    refused++;
                    assertThat(json(answer).get("error").get("code").asText()).isEqualTo("overloaded");
                    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                }
            }
            assertThat(accepted).isNotEmpty();
            assertThat(refused).as("the budget refused some of the burst").isPositive();
        }
        return null;
    }

    // ---- SMTP attacks

    private static Object smtpGarbage(TestGateway gw, int sessions) throws Exception {
        Random seeds = new Random(0x5EED);
        for (int i = 0; i < sessions; i++) {
            byte[] session = HostileSmtp.session(new Random(seeds.nextLong()), SMTP_USER, SMTP_PASSWORD);
            try (Wire wire = new Wire(gw.gateway.smtpPort(), "127.0.0.2")) {
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        wire.write(session);
                    } catch (IOException e) {
                        // closed first; the replies say why
                    }
                });
                for (String line : wire.linesUntilClosed()) {
                    assertThat(line).matches("[2-5][0-5][0-9]([ -].*)?");
                    if (line.startsWith("220 ") && line.contains("TLS")) {
                        break; // STARTTLS went ahead: what follows is a TLS handshake, not replies
                    }
                }
                writer.join(Duration.ofSeconds(15));
            }
        }
        return null;
    }

    private static Object tenThousandRecipients(TestGateway gw) throws Exception {
        try (Wire wire = new Wire(gw.gateway.smtpPort(), "127.0.0.4")) {
            StringBuilder out = new StringBuilder("EHLO app.example\r\nAUTH PLAIN "
                    + RawSmtp.plainToken(SMTP_USER, SMTP_PASSWORD) + "\r\nMAIL FROM:<orders@shop.example>\r\n");
            for (int i = 0; i < 10_000; i++) {
                out.append("RCPT TO:<r").append(i).append("@example.com>\r\n");
            }
            out.append("QUIT\r\n");
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    wire.write(out.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            int answered = 0;
            String reply;
            while ((reply = wire.reply()) != null) {
                answered++;
                assertThat(reply).matches("(?s)[2-5]\\d\\d.*");
            }
            writer.join(Duration.ofSeconds(15));
            assertThat(answered).isEqualTo(10_000 + 5); // greeting, EHLO, AUTH, MAIL, each RCPT, QUIT
        }
        return null;
    }

    private static Object endlessData(TestGateway gw) throws IOException {
        try (Wire wire = new Wire(gw.gateway.smtpPort(), "127.0.0.5")) {
            wire.write("EHLO app.example\r\nAUTH PLAIN " + RawSmtp.plainToken(SMTP_USER, SMTP_PASSWORD)
                    + "\r\nMAIL FROM:<orders@shop.example>\r\nRCPT TO:<never@example.com>\r\nDATA\r\n"
                    + "From: <orders@shop.example>\r\nSubject: never ends\r\n\r\nand on\r\n");
            List<String> lines = wire.linesUntilClosed();
            assertThat(lines.getLast()).startsWith("421");
            assertThat(lines).noneMatch(l -> l.contains("queued as"));
        }
        return null;
    }

    /** Nested multiparts, 40 and 10,000 deep: each refused for good, and the session sends on. */
    private static Object mimeBombs(TestGateway gw) throws IOException {
        try (RawSmtp smtp = new RawSmtp(gw.gateway.smtpPort())) {
            smtp.send("EHLO app.example");
            assertThat(smtp.authPlain(SMTP_USER, SMTP_PASSWORD)).startsWith("235");
            for (String bomb : List.of(MimeBomb.nested(40), MimeBomb.nested(10_000))) {
                smtp.send("MAIL FROM:<orders@shop.example>");
                smtp.send("RCPT TO:<ada@example.com>");
                assertThat(smtp.data(bomb)).startsWith("554 5.6.0");
            }
            assertThat(smtp.send("NOOP")).startsWith("250");
        }
        return null;
    }

    private static Object silentSender(TestGateway gw) throws IOException {
        try (Wire wire = new Wire(gw.gateway.smtpPort(), "127.0.0.6")) {
            wire.write("EHLO slow.example\r\nMAIL FROM:<orders@sh");
            assertThat(wire.linesUntilClosed().getLast()).startsWith("421");
        }
        return null;
    }

    private static Object connectionFlood(TestGateway gw) throws IOException {
        List<Wire> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_CLIENT; i++) {
                Wire wire = new Wire(gw.gateway.smtpPort(), "127.0.0.7");
                assertThat(wire.reply()).startsWith("220");
                held.add(wire);
            }
            for (int i = 0; i < 5; i++) {
                for (Wire wire : held) { // busy, so the command timeout frees no slot meanwhile
                    wire.write("NOOP\r\n");
                    assertThat(wire.reply()).startsWith("250");
                }
                try (Wire extra = new Wire(gw.gateway.smtpPort(), "127.0.0.7")) {
                    assertThat(extra.reply()).startsWith("421 4.7.0");
                }
            }
        } finally {
            for (Wire w : held) {
                w.close();
            }
        }
        return null;
    }

    /** 200 wrong passwords pipelined from one address: cut off long before, the right one refused too. */
    private static Object smtpPasswordGuessing(TestGateway gw) throws Exception {
        try (Wire wire = new Wire(gw.gateway.smtpPort(), "127.0.0.8")) {
            StringBuilder out = new StringBuilder("EHLO guess.example\r\n");
            for (int i = 0; i < 200; i++) {
                out.append("AUTH PLAIN ")
                        .append(RawSmtp.plainToken(SMTP_USER, "guess-" + i))
                        .append("\r\n");
            }
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    wire.write(out.toString());
                } catch (IOException e) {
                    // closed first: the replies say why
                }
            });
            List<String> lines = wire.linesUntilClosed();
            writer.join(Duration.ofSeconds(15));
            assertThat(lines.stream().filter(l -> l.startsWith("535"))).hasSizeLessThan(20);
            assertThat(lines.getLast()).startsWith("421 4.7.0");
        }
        try (Wire wire = new Wire(gw.gateway.smtpPort(), "127.0.0.8")) {
            wire.reply();
            wire.write("EHLO guess.example\r\n");
            wire.reply();
            wire.write("AUTH PLAIN " + RawSmtp.plainToken(SMTP_USER, SMTP_PASSWORD) + "\r\n");
            assertThat(wire.reply()).startsWith("421 4.7.0");
        }
        return null;
    }

    /** Unknown bearer keys from one address: 401, then 429 with Retry-After, never anything else. */
    private static Object apiKeyGuessing(TestGateway gw) throws Exception {
        try (java.net.http.HttpClient guesser = java.net.http.HttpClient.newBuilder()
                .localAddress(java.net.InetAddress.getByName("127.0.0.9"))
                .build()) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(TestGateway.send(
                                guesser,
                                gw.request("/v1/messages/none", "pst_guess-" + i)
                                        .build())
                        .statusCode());
            }
            assertThat(statuses).containsOnly(401, 429).endsWith(429);
        }
        return null;
    }

    /**
     * Four addresses each hold their full share of sessions without authenticating, as an attacker
     * without credentials would; an authenticated client still gets its message queued meanwhile.
     */
    private static Object idleAnonymousSessions(TestGateway gw, Set<String> legitimate) throws Exception {
        List<Wire> held = new ArrayList<>();
        try {
            for (String address : List.of("127.0.0.10", "127.0.0.11", "127.0.0.12", "127.0.0.13")) {
                for (int i = 0; i < PER_CLIENT; i++) {
                    Wire wire = new Wire(gw.gateway.smtpPort(), address);
                    held.add(wire);
                    assertThat(wire.reply()).as(address).startsWith("220");
                }
            }
            legitimateSmtp(gw, 1, "held", legitimate);
        } finally {
            held.forEach(AbuseEndToEndTest::closeQuietly);
        }
        return null;
    }

    /** Once the attack is over, one address gets its full share of sessions again: none leaked. */
    private static void assertEverySessionSlotIsFree(TestGateway gw) throws IOException {
        for (String address : List.of("127.0.0.2", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7")) {
            List<Wire> held = new ArrayList<>();
            try {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    held.forEach(AbuseEndToEndTest::closeQuietly);
                    held.clear();
                    for (int i = 0; i < PER_CLIENT; i++) {
                        Wire wire = new Wire(gw.gateway.smtpPort(), address);
                        held.add(wire);
                        assertThat(wire.reply()).as(address).startsWith("220");
                    }
                });
            } finally {
                held.forEach(AbuseEndToEndTest::closeQuietly);
            }
        }
    }

    private static void closeQuietly(Wire wire) {
        try {
            wire.close();
        } catch (IOException e) {
            // closing a test socket
        }
    }

    private static Socket http(TestGateway gw) throws IOException {
        URI url = gw.gateway.httpUrl();
        Socket s = new Socket(url.getHost(), url.getPort());
        s.setSoTimeout(15_000);
        return s;
    }

    private static String readToEnd(Socket s) throws IOException {
        try {
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException e) {
            return "[reset]";
        }
    }
}
