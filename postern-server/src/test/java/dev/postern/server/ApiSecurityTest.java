package dev.postern.server;

import static dev.postern.server.TestGateway.ADMIN_KEY;
import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.json;
import static dev.postern.server.TestGateway.message;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.Fault;
import dev.postern.testing.FakeTime;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ApiSecurityTest {
    @TempDir
    Path dir;

    @Test
    void aCallWithoutAKeyOrWithAnUnknownKeyIs401() {
        try (TestGateway gw = new TestGateway(dir)) {
            HttpResponse<String> none = gw.post("/v1/messages", null, message("a@shop.example", "b@example.com"));
            HttpResponse<String> wrong =
                    gw.post("/v1/messages", "pst_not-a-configured-key", message("a@shop.example", "b@example.com"));
            HttpResponse<String> notBearer = gw.send(gw.request("/v1/providers", null)
                    .header("Authorization", "Basic " + SEND_KEY)
                    .GET()
                    .build());

            for (HttpResponse<String> answer : List.of(none, wrong, notBearer)) {
                assertThat(answer.statusCode()).isEqualTo(401);
                assertThat(json(answer).get("error").get("code").asText()).isEqualTo("unauthorized");
                assertThat(answer.headers().firstValue("WWW-Authenticate")).isPresent();
            }
            assertThat(gw.emailr.received()).isEmpty();
        }
    }

    @Test
    void aKeyWithoutTheNeededScopeIs403() {
        try (TestGateway gw = new TestGateway(dir)) {
            HttpResponse<String> drain = gw.post("/v1/providers/emailr/drain", SEND_KEY, "");
            HttpResponse<String> events = gw.get("/v1/events", SEND_KEY);
            HttpResponse<String> stream = gw.get("/v1/events/stream", SEND_KEY);

            for (HttpResponse<String> answer : List.of(drain, events, stream)) {
                assertThat(answer.statusCode()).isEqualTo(403);
                assertThat(json(answer).get("error").get("code").asText()).isEqualTo("insufficient_scope");
            }
            assertThat(json(gw.get("/v1/providers", SEND_KEY))
                            .get("providers")
                            .get(0)
                            .get("state")
                            .asText())
                    .isEqualTo("available");
        }
    }

    @Test
    void aSenderDomainTheKeyMayNotUseIs403NamingFrom() {
        try (TestGateway gw = new TestGateway(dir)) {
            HttpResponse<String> answer =
                    gw.post("/v1/messages", SEND_KEY, message("ceo@bank.example", "victim@example.com"));

            assertThat(answer.statusCode()).isEqualTo(403);
            JsonNode error = json(answer).get("error");
            assertThat(error.get("code").asText()).isEqualTo("sender_not_allowed");
            assertThat(error.get("field").asText()).isEqualTo("from");
            assertThat(gw.post("/v1/messages", ADMIN_KEY, message("ceo@bank.example", "a@example.com"))
                            .statusCode())
                    .isEqualTo(202);
        }
    }

    @Test
    void aBodyOverTheLimitIs413AndTheServerKeepsServing() {
        try (TestGateway gw = new TestGateway(dir)) {
            String big =
                    "{\"from\": \"a@shop.example\", \"to\": [\"b@example.com\"], \"subject\": \"big\", \"text\": \""
                            + "x".repeat(70_000) + "\"}";

            HttpResponse<String> answer = gw.post("/v1/messages", SEND_KEY, big);

            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(json(answer).get("error").get("code").asText()).isEqualTo("payload_too_large");
            assertThat(gw.post("/v1/messages", SEND_KEY, message("a@shop.example", "b@example.com"))
                            .statusCode())
                    .isEqualTo(202);
        }
    }

    @Test
    void crOrLfInAHeaderFieldIs400NamingTheField() {
        try (TestGateway gw = new TestGateway(dir)) {
            String injected = """
                    {"from": "a@shop.example", "to": ["b@example.com"], "subject": "hi", "text": "x",
                     "headers": {"X-Campaign": "spring\\r\\nBcc: everyone@example.com"}}
                    """;
            String subject = """
                    {"from": "a@shop.example", "to": ["b@example.com"], "subject": "hi\\nBcc: x@example.com", "text": "x"}
                    """;

            HttpResponse<String> header = gw.post("/v1/messages", SEND_KEY, injected);
            HttpResponse<String> inSubject = gw.post("/v1/messages", SEND_KEY, subject);

            assertThat(header.statusCode()).isEqualTo(400);
            assertThat(json(header).get("error").get("field").asText()).isEqualTo("headers.X-Campaign");
            assertThat(inSubject.statusCode()).isEqualTo(400);
            assertThat(json(inSubject).get("error").get("field").asText()).isEqualTo("subject");
        }
    }

    @Test
    void noSecretAppearsInAnyLogLine() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger postern = (Logger) LoggerFactory.getLogger("dev.postern");
        Level rootLevel = root.getLevel();
        Level posternLevel = postern.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
        postern.setLevel(Level.DEBUG);
        FakeTime time = new FakeTime();
        try (TestGateway gw = new TestGateway(dir, TestGateway.DEFAULT_SINKS, TestGateway.on(time))) {
            gw.post("/v1/messages", SEND_KEY, message("a@shop.example", "b@example.com"));
            gw.post("/v1/messages", "pst_wrong-key", message("a@shop.example", "b@example.com"));
            gw.post("/v1/providers/emailr/drain", SEND_KEY, "");
            gw.emailr.fault(new Fault.AuthFail());
            gw.post("/v1/messages", ADMIN_KEY, message("a@shop.example", "c@example.com"));
            time.advance(Duration.ZERO); // the pump runs here: both messages meet the fault and fail over
            assertThat(gw.webhook.received()).isNotEmpty();
            gw.post("/v1/messages", SEND_KEY, "{not json");
        } finally {
            root.detachAppender(appender);
            root.setLevel(rootLevel);
            postern.setLevel(posternLevel);
        }

        assertThat(appender.list).isNotEmpty();
        for (ILoggingEvent event : appender.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line)
                    .doesNotContain(SEND_KEY)
                    .doesNotContain(ADMIN_KEY)
                    .doesNotContain("pst_wrong-key")
                    .doesNotContain(TestGateway.EMAILR_KEY)
                    .doesNotContain(TestGateway.WEBHOOK_KEY)
                    .doesNotContain(TestGateway.ALERT_SECRET);
        }
        assertThat(appender.list).anyMatch(e -> e.getFormattedMessage().contains("misconfigured"));
    }
}
