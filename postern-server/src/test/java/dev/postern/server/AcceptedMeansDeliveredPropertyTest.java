package dev.postern.server;

import static dev.postern.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.email.DomainNames;
import dev.postern.server.auth.Hashes;
import dev.postern.server.config.ConfigLoader;
import dev.postern.server.smtp.MailClient;
import dev.postern.sim.Fault;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.smtp.SmtpSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accepted means delivered, as a property of the whole pipeline: random valid messages (sizes,
 * charsets, IDN domains, 1..5 recipients, attachments) go in over {@code POST /v1/messages} and the
 * SMTP relay while the two providers — an SMTP relay (priority 1) and the webhook (priority 2) —
 * misbehave at random (down, 4xx/5xx, rate limits, refused recipients, per-recipient replies).
 * Once the faults end, every accepted message is final: each recipient delivered exactly once
 * (correlated by {@code X-Postern-Id}) or failed on a provider's permanent answer, no message
 * failed without an attempt, and no provider left rotation because of a recipient. Seeded.
 */
class AcceptedMeansDeliveredPropertyTest {
    /** Fixed; {@code -Dpostern.property.seed=…} and {@code -Dpostern.property.cases=…} hunt further. */
    static final long SEED = Long.getLong("postern.property.seed", 0x19_2026L);

    static final int CASES = Integer.getInteger("postern.property.cases", 12);
    private static final String KEY = "pst_test-property-key-8Wc3";
    private static final String WEBHOOK_KEY = "property-backup-secret-6262";
    private static final String USER = "legacy-app";
    private static final String PASSWORD = "pst_test-property-smtp-4Tz9";
    private static final Pattern QUEUED = Pattern.compile("250 2\\.0\\.0 queued as (\\S+)");
    private static final Set<String> FINAL = Set.of("delivered", "failed");
    private static final Set<String> PERMANENT = Set.of("rejected", "recipients_refused");

    private static final List<String> RELAY_FAULTS = List.of(
            "ok", "ok", "ok", "down", "error(421)", "error(451)", "error(554)", "rate_limit(1s)", "reject_recipient");
    private static final List<String> BACKUP_FAULTS =
            List.of("ok", "ok", "ok", "down", "error(503)", "error(500)", "rate_limit(1s)", "reject_recipient");
    private static final List<String> RECIPIENT_REPLIES = List.of(
            "550 5.1.1 User unknown",
            "553 5.1.3 Mailbox name not allowed",
            "451 4.7.1 Greylisted, please try again later",
            "450 4.2.1 Mailbox busy, try again later");
    private static final List<String> NAMES = List.of(
            "Ada Lovelace",
            "Lovelace, Ada",
            "Zoë \"Z\" Ünal",
            "back\\slash",
            "日本 太郎",
            "<angle> (comment)",
            "x".repeat(70));
    private static final List<String> DOMAINS =
            List.of("example.com", "example.org", "bücher.example", "例え.example", "straße.example");
    private static final List<String> WORDS = List.of(
            "receipt",
            "Grüße",
            "naïve",
            "façade",
            "日本語",
            "Ελληνικά",
            "русский",
            "😀",
            "tab\there",
            "100%",
            "a&b",
            "<tag>",
            "\"quoted\"",
            "x".repeat(120));

    @TempDir
    static Path dir;

    static SmtpSimulator relay = new SmtpSimulator(0, null, null, false);
    static WebhookSimulator backup = new WebhookSimulator(0, WEBHOOK_KEY);
    static Gateway gateway;
    static final HttpClient client = HttpClient.newHttpClient();
    static int example;
    static final Map<String, Integer> tally = new java.util.TreeMap<>();

    @BeforeAll
    static void start() {
        relay.start();
        backup.start();
        String yaml = """
                server:
                  http: { listen: 127.0.0.1:0, https: false }
                  smtp: { listen: 127.0.0.1:0 }
                  tls: { cert: %s, key: %s }
                store: sqlite:%s
                auth:
                  smtp_users:
                    - { username: %s, password_sha256: %s, sender_domains: [shop.example] }
                  api_keys:
                    - { name: shop, key_sha256: %s, scopes: [send, admin], sender_domains: [shop.example] }
                routing: { retry: { initial: 200ms, max: 500ms } }
                providers:
                  - name: relay
                    type: smtp
                    priority: 1
                    host: 127.0.0.1
                    port: %d
                    tls: none
                    circuit_breaker: { window: 4, minimum_calls: 2, open_duration: 1s }
                    health_check: { interval: 1s, unhealthy_after: 1, healthy_after: 1 }
                  - name: backup
                    type: http
                    priority: 2
                    url: %s/messages
                    api_key: %s
                    circuit_breaker: { window: 4, minimum_calls: 2, open_duration: 1s }
                    health_check: { interval: 1s, unhealthy_after: 1, healthy_after: 1 }
                """.formatted(
                        TestGateway.testResource("tls/relay-test.crt"),
                        TestGateway.testResource("tls/relay-test.key"),
                        dir.resolve("postern.db"),
                        USER,
                        Hashes.sha256Hex(PASSWORD),
                        Hashes.sha256Hex(KEY),
                        relay.port(),
                        backup.baseUrl(),
                        WEBHOOK_KEY);
        gateway = Gateway.start(ConfigLoader.parse(yaml, name -> null).orThrow());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        relay.close();
        backup.close();
    }

    @Test
    void everyAcceptedMessageIsDeliveredOnceOrFailsOnAPermanentAnswer() {
        qt().withFixedSeed(SEED)
                .withExamples(CASES)
                .withShrinkCycles(0)
                .forAll(longs().all())
                .checkAssert(seed -> run(Scenario.of(seed, ++example)));
        System.out.printf("AcceptedMeansDeliveredPropertyTest: %d scenarios (seed %#x): %s%n", CASES, SEED, tally);
    }

    private static void run(Scenario scenario) {
        boolean inRotationBefore = inRotation();
        relay.fault(Fault.parse(scenario.relayFault()));
        backup.fault(Fault.parse(scenario.backupFault()));
        // the relay is asked in ASCII: an IDN domain as punycode
        scenario.replies().forEach((address, reply) -> relay.answerRecipient(Mail.bare(address), reply));
        try {
            Map<String, Mail> accepted = new HashMap<>();
            for (Mail mail : scenario.mails()) {
                accepted.put(mail.smtp() ? relayed(mail) : posted(mail), mail);
            }
            // every message meets the faults before they end, unless the faults took every provider
            // out of rotation: then the outbox claims nothing until one is back (docs/outbox.md)
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> accepted.keySet().stream().allMatch(id -> hasBeenTried(view(id))) || noneAvailable());
            relay.fault(new Fault.Ok());
            backup.fault(new Fault.Ok());
            relay.forgetRecipientAnswers();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> accepted.keySet().stream()
                            .allMatch(
                                    id -> FINAL.contains(view(id).path("status").asText())));
            accepted.forEach((id, mail) -> assertSettled(scenario, id, mail));
            if (inRotationBefore && scenario.recipientFaultsOnly()) {
                assertThat(inRotation())
                        .as("providers in rotation after %s", scenario)
                        .isTrue();
            }
        } finally {
            relay.fault(new Fault.Ok());
            backup.fault(new Fault.Ok());
            relay.clear();
            backup.clear();
        }
    }

    private static void assertSettled(Scenario scenario, String id, Mail mail) {
        JsonNode view = view(id);
        String what = scenario + " message " + id + ": " + view;
        assertThat(view.path("status").asText()).as(what).isIn(FINAL);
        assertThat(view.path("attempts")).as(what).isNotEmpty();
        if (view.path("status").asText().equals("failed")) {
            assertThat(view.path("attempts"))
                    .as("a failed message was refused for good by a provider: " + what)
                    .anyMatch(a -> PERMANENT.contains(a.path("outcome").asText()));
        }
        Map<String, Long> received = receivedCounts(id);
        Set<String> addressed = mail.recipients().stream().map(Mail::bare).collect(Collectors.toSet());
        assertThat(addressed)
                .as("the recipients a provider got are the message's: " + what)
                .containsAll(received.keySet());
        assertThat(view.path("recipients")).as(what).hasSize(addressed.size());
        tally.merge(
                "messages " + view.path("status").asText() + " via " + (mail.smtp() ? "smtp" : "http"),
                1,
                Integer::sum);
        for (JsonNode recipient : view.path("recipients")) {
            tally.merge(
                    "recipients " + recipient.path("status").asText() + " by "
                            + recipient.path("provider").asText("none"),
                    1,
                    Integer::sum);
            String address = Mail.bare(recipient.path("address").asText());
            long times = received.getOrDefault(address, 0L);
            switch (recipient.path("status").asText()) {
                case "delivered" ->
                    assertThat(times).as(address + " delivered once: " + what).isEqualTo(1);
                case "failed" -> {
                    assertThat(times)
                            .as(address + " failed, so not delivered: " + what)
                            .isZero();
                    assertThat(recipient.path("detail").asText())
                            .as(address + " failed on a provider's permanent answer: " + what)
                            .containsPattern("\\b5\\d\\d\\b|answered 4\\d\\d");
                }
                default -> throw new AssertionError(address + " is neither delivered nor failed: " + what);
            }
        }
    }

    /** How often each recipient (lower case) received the message {@code id}, over both providers. */
    private static Map<String, Long> receivedCounts(String id) {
        Stream<String> viaRelay = relay.received().stream()
                .filter(m -> m.header("X-Postern-Id").orElse("").equals(id))
                .map(ReceivedMessage::providerMessageId)
                .distinct() // a later round reuses the Message-ID; its envelope adds to the first
                .flatMap(providerId -> relay.envelope(providerId).stream());
        Stream<String> viaBackup = backup.received().stream()
                .filter(m -> m.header("X-Postern-Id").orElse("").equals(id))
                .flatMap(AcceptedMeansDeliveredPropertyTest::allRecipients);
        return Stream.concat(viaRelay, viaBackup)
                .map(Mail::bare)
                .collect(Collectors.groupingBy(a -> a, Collectors.counting()));
    }

    private static Stream<String> allRecipients(ReceivedMessage m) {
        return Stream.of(m.to(), m.cc(), m.bcc()).flatMap(List::stream);
    }

    private static boolean hasBeenTried(JsonNode view) {
        String status = view.path("status").asText();
        return FINAL.contains(status) || status.equals("deferred");
    }

    /** No provider is available to routing now (each is unhealthy, open, cooling, suspect or drained). */
    private static boolean noneAvailable() {
        for (JsonNode p : json(get("/v1/providers")).path("providers")) {
            if (p.path("state").asText().equals("available")) {
                return false;
            }
        }
        return true;
    }

    private static boolean inRotation() {
        JsonNode providers = json(get("/v1/providers")).path("providers");
        for (JsonNode p : providers) {
            if (!p.path("state").asText().equals("available")
                    || !p.path("breaker").asText().equals("closed")) {
                return false;
            }
        }
        return true;
    }

    // ---- the two doors ----

    private static String posted(Mail mail) {
        ObjectNode body = TestGateway.JSON.createObjectNode();
        body.put("from", "Shop <shop@shop.example>");
        body.put("subject", mail.subject());
        body.put("text", mail.text());
        if (mail.html() != null) {
            body.put("html", mail.html());
        }
        ArrayNode[] fields = {body.putArray("to"), body.putArray("cc"), body.putArray("bcc")};
        for (int i = 0; i < mail.recipients().size(); i++) {
            ObjectNode mailbox = fields[mail.field(i)]
                    .addObject()
                    .put("email", mail.recipients().get(i));
            if (mail.names().get(i) != null) {
                mailbox.put("name", mail.names().get(i));
            }
        }
        ArrayNode attachments = body.putArray("attachments");
        for (int i = 0; i < mail.attachments().size(); i++) {
            attachments
                    .addObject()
                    .put("filename", "file-" + i + ".bin")
                    .put("content_type", "application/octet-stream")
                    .put(
                            "content_base64",
                            Base64.getEncoder()
                                    .encodeToString(mail.attachments().get(i)));
        }
        HttpResponse<String> answer = TestGateway.send(
                client,
                HttpRequest.newBuilder(gateway.httpUrl().resolve("/v1/messages"))
                        .header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return json(answer).get("id").asText();
    }

    private static String relayed(Mail mail) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress("shop@shop.example", "Shop"));
            Message.RecipientType[] types = {Message.RecipientType.TO, Message.RecipientType.CC};
            for (int i = 0; i < mail.recipients().size(); i++) {
                // Bcc never survives as raw MIME; a relayed message names its recipients in To/Cc
                // and, as a legacy application does, in ASCII: an IDN domain as punycode
                message.addRecipient(
                        types[mail.field(i) % 2],
                        new InternetAddress(
                                Mail.bare(mail.recipients().get(i)),
                                mail.names().get(i),
                                "UTF-8"));
            }
            message.setSubject(mail.subject(), "UTF-8");
            MimeMultipart parts = new MimeMultipart();
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), "UTF-8");
            parts.addBodyPart(text);
            for (int i = 0; i < mail.attachments().size(); i++) {
                MimeBodyPart attachment = new MimeBodyPart();
                attachment.setDataHandler(new jakarta.activation.DataHandler(
                        new ByteArrayDataSource(mail.attachments().get(i), "application/octet-stream")));
                attachment.setFileName("file-" + i + ".bin");
                parts.addBodyPart(attachment);
            }
            message.setContent(parts);
            message.saveChanges();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            String reply = new MailClient(gateway.smtpPort())
                    .auth("PLAIN")
                    .startTls(TestGateway.testResource("tls/relay-test.crt"))
                    .send(raw.toString(StandardCharsets.UTF_8), USER, PASSWORD);
            Matcher queued = QUEUED.matcher(reply);
            assertThat(queued.find()).as(reply).isTrue();
            return queued.group(1);
        } catch (Exception e) {
            throw new AssertionError("the relay did not take " + mail, e);
        }
    }

    private static JsonNode view(String id) {
        return json(get("/v1/messages/" + id));
    }

    private static HttpResponse<String> get(String path) {
        return TestGateway.send(
                client,
                HttpRequest.newBuilder(gateway.httpUrl().resolve(path))
                        .header("Authorization", "Bearer " + KEY)
                        .GET()
                        .build());
    }

    // ---- what is generated ----

    /** One example: the providers' faults, some recipients' own replies, and the mail sent meanwhile. */
    record Scenario(int number, String relayFault, String backupFault, Map<String, String> replies, List<Mail> mails) {

        static Scenario of(long seed, int number) {
            Random random = new Random(seed);
            List<String> pool = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pool.add("rcpt" + i + ".n" + number + "@" + DOMAINS.get(random.nextInt(DOMAINS.size())));
            }
            Map<String, String> replies = new HashMap<>();
            for (String address : pool) {
                if (random.nextInt(4) == 0) {
                    replies.put(address, RECIPIENT_REPLIES.get(random.nextInt(RECIPIENT_REPLIES.size())));
                }
            }
            List<Mail> mails = new ArrayList<>();
            for (int i = 1 + random.nextInt(5); i > 0; i--) {
                mails.add(Mail.random(random, pool));
            }
            return new Scenario(
                    number,
                    RELAY_FAULTS.get(random.nextInt(RELAY_FAULTS.size())),
                    BACKUP_FAULTS.get(random.nextInt(BACKUP_FAULTS.size())),
                    replies,
                    mails);
        }

        /** True when nothing but recipients was refused: no provider may leave rotation then. */
        boolean recipientFaultsOnly() {
            return Set.of("ok", "reject_recipient").containsAll(List.of(relayFault, backupFault));
        }

        @Override
        public String toString() {
            return "scenario " + number + " (relay " + relayFault + ", backup " + backupFault + ", replies " + replies
                    + ", " + mails.size() + " mails: " + mails + ")";
        }
    }

    /** A message: its recipients, the field each goes in (0 to, 1 cc, 2 bcc), and its content. */
    record Mail(
            boolean smtp,
            List<String> recipients,
            List<Integer> fields,
            List<String> names,
            String subject,
            String text,
            String html,
            List<byte[]> attachments) {

        static Mail random(Random random, List<String> pool) {
            List<String> shuffled = new ArrayList<>(pool);
            java.util.Collections.shuffle(shuffled, random);
            int count = 1 + random.nextInt(5);
            List<Integer> fields = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                fields.add(i == 0 ? 0 : random.nextInt(3));
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                names.add(random.nextBoolean() ? null : NAMES.get(random.nextInt(NAMES.size())));
            }
            List<String> recipients = new ArrayList<>(shuffled.subList(0, count));
            if (random.nextInt(6) == 0) {
                // the same mailbox twice, differently cased: one recipient, sent to once
                recipients.add(recipients.getFirst().toUpperCase(Locale.ROOT));
                fields.add(1);
                names.add(null);
            }
            List<byte[]> attachments = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                byte[] content = new byte[random.nextInt(4) == 0 ? random.nextInt(300_000) : random.nextInt(2_000)];
                random.nextBytes(content);
                attachments.add(content);
            }
            return new Mail(
                    random.nextBoolean(),
                    List.copyOf(recipients),
                    fields,
                    java.util.Collections.unmodifiableList(names),
                    words(random, 1 + random.nextInt(6)).replace('\t', ' '), // a subject holds no controls
                    words(random, random.nextInt(4) == 0 ? 5_000 : 1 + random.nextInt(40)),
                    random.nextBoolean() ? "<p>" + words(random, 1 + random.nextInt(20)) + "</p>" : null,
                    attachments);
        }

        int field(int i) {
            return fields.get(i);
        }

        /** The address alone, lower case, its domain in ASCII (punycode), to compare what arrived. */
        static String bare(String address) {
            String bare = address.replaceAll(".*<|>.*", "").strip().toLowerCase(Locale.ROOT);
            int at = bare.lastIndexOf('@');
            return bare.substring(0, at + 1) + DomainNames.toAscii(bare.substring(at + 1));
        }

        private static String words(Random random, int count) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < count; i++) {
                out.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
            }
            return out.toString();
        }

        @Override
        public String toString() {
            return (smtp ? "smtp" : "http") + " to " + recipients + " in " + fields + " named " + names + ", subject '"
                    + subject + "', "
                    + text.length() + " chars, " + (html == null ? "no html" : "html") + ", attachments "
                    + attachments.stream().map(a -> a.length).toList();
        }
    }
}
