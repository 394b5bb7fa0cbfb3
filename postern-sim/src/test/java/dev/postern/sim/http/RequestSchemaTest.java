package dev.postern.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RequestSchemaTest {
    private static final RequestSchema SENDGRID_SEND = RequestSchema.load(
            "specs/sendgrid/tsg_mail_v3.json",
            "/components/requestBodies/PostMailSend/content/application~1json/schema");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRequestThatFollowsTheProvidersSchemaHasNoViolations() throws Exception {
        var body = json.readTree("""
                {"personalizations": [{"to": [{"email": "ada@example.com"}]}],
                 "from": {"email": "orders@shop.example"},
                 "subject": "Hi",
                 "content": [{"type": "text/plain", "value": "Hello"}]}
                """);

        assertThat(SENDGRID_SEND.violations(body)).isEmpty();
    }

    @Test
    void aRequestMissingARequiredFieldIsNamedInTheViolations() throws Exception {
        var body = json.readTree("""
                {"personalizations": [{"to": [{"email": "ada@example.com"}]}], "subject": "Hi"}
                """);

        assertThat(SENDGRID_SEND.violations(body)).anyMatch(v -> v.contains("from"));
    }

    @Test
    void yamlSpecsLoadToo() throws Exception {
        RequestSchema resend = RequestSchema.load(
                "specs/resend/resend.yaml", "/paths/~1emails/post/requestBody/content/application~1json/schema");

        assertThat(resend.violations(json.readTree("{\"subject\": 5}"))).isNotEmpty();
    }
}
