package dev.postern.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.provider.ses.SesConfig;
import dev.postern.provider.ses.SnsCertificates;
import dev.postern.provider.type.AdapterConfig;
import dev.postern.server.config.GatewayConfig;
import dev.postern.server.config.ProviderEntry;
import dev.postern.sim.ControlServer;
import dev.postern.sim.http.HttpSimulator;
import dev.postern.sim.mailgun.MailgunSimulator;
import dev.postern.sim.postmark.PostmarkSimulator;
import dev.postern.sim.resend.ResendSimulator;
import dev.postern.sim.sendgrid.SendGridSimulator;
import dev.postern.sim.ses.SesSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One provider simulator of postern-sim, driven through its HTTP control API ({@code /_sim/{name}/…},
 * docs/simulators.md), with the provider entry a gateway needs to send through it and to take its
 * delivery-event webhooks: the webhook key is the one the control API shows. For SES, whose
 * simulator signs SNS messages with a certificate it serves itself on loopback, {@link #adapt}
 * gives the adapter exactly that certificate through {@link SnsCertificates#trusting}: the test
 * seam, not a configuration key.
 */
final class SimulatedProvider implements AutoCloseable {
    /** The provider types whose simulators send delivery-event webhooks. */
    enum Type {
        SENDGRID,
        MAILGUN,
        POSTMARK,
        RESEND,
        SES,
        HTTP
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "sim-provider-key-5150";
    private static final String SES_KEY_ID = "AKIASIMULATEDLOOP1";
    private static final String SES_SECRET = "sim-ses-secret-access-key-5151";
    private static final String MAILGUN_DOMAIN = "mg.shop.example";
    private static final String POSTMARK_USER = "postmark";
    private static final String POSTMARK_PASSWORD = "pm-hook-password-6161";

    final Type type;
    final String name;
    final HttpSimulator simulator;
    private final String extra;
    private final ControlServer control;
    private final HttpClient client = HttpClient.newHttpClient();

    private SimulatedProvider(Type type, String name, HttpSimulator simulator, String extra) {
        this.extra = extra;
        this.type = type;
        this.name = name;
        this.simulator = simulator;
        this.control = new ControlServer(Map.of(name, simulator), 0);
    }

    /** A started simulator of {@code type}, known to its control API and to the gateway as {@code name}. */
    static SimulatedProvider start(Type type, String name) {
        return start(type, name, "");
    }

    /** As above, with {@code extra} added to the provider's entry ({@code "timeouts: { request: 2s }"}). */
    static SimulatedProvider start(Type type, String name, String extra) {
        HttpSimulator simulator = switch (type) {
            case SENDGRID -> new SendGridSimulator(0, API_KEY);
            case MAILGUN -> new MailgunSimulator(0, API_KEY, MAILGUN_DOMAIN);
            case POSTMARK -> new PostmarkSimulator(0, API_KEY);
            case RESEND -> new ResendSimulator(0, API_KEY);
            case SES -> new SesSimulator(0, SES_KEY_ID, SES_SECRET);
            case HTTP -> new WebhookSimulator(0, API_KEY);
        };
        simulator.start();
        return new SimulatedProvider(type, name, simulator, extra);
    }

    /** The environment the entry of {@link #yaml} reads its secrets from. */
    Map<String, String> env() {
        JsonNode keys = keys();
        String prefix = name.toUpperCase().replace('-', '_');
        return Map.of(
                prefix + "_API_KEY",
                API_KEY,
                prefix + "_SES_SECRET",
                SES_SECRET,
                prefix + "_WEBHOOK_KEY",
                switch (type) {
                    case SENDGRID -> keys.get("public_key").asText();
                    case MAILGUN -> keys.get("signing_key").asText();
                    case RESEND, HTTP -> keys.get("secret").asText();
                    case POSTMARK -> POSTMARK_PASSWORD;
                    case SES -> "";
                });
    }

    /** This provider as an item of {@code providers:}, indented by two spaces, at {@code priority}. */
    String yaml(int priority) {
        String prefix = "${" + name.toUpperCase().replace('-', '_');
        String base = simulator.baseUrl().toString();
        String entry = switch (type) {
            case SENDGRID, RESEND ->
                "type: %s, api_key: \"%s_API_KEY}\", base_url: %s, webhook: { key: \"%s_WEBHOOK_KEY}\" }"
                        .formatted(type.name().toLowerCase(), prefix, base, prefix);
            case MAILGUN ->
                "type: mailgun, api_key: \"%s_API_KEY}\", domain: %s, base_url: %s, webhook: { key: \"%s_WEBHOOK_KEY}\" }"
                        .formatted(prefix, MAILGUN_DOMAIN, base, prefix);
            case POSTMARK ->
                "type: postmark, api_key: \"%s_API_KEY}\", base_url: %s, webhook: { user: %s, password: \"%s_WEBHOOK_KEY}\" }"
                        .formatted(prefix, base, POSTMARK_USER, prefix);
            case SES ->
                "type: ses, region: us-east-1, access_key_id: %s, secret_access_key: \"%s_SES_SECRET}\", base_url: %s, webhook: { topic_arn: \"%s\" }"
                        .formatted(
                                SES_KEY_ID,
                                prefix,
                                base,
                                keys().get("topic_arn").asText());
            case HTTP ->
                "type: http, url: %s%s, api_key: \"%s_API_KEY}\", webhook: { key: \"%s_WEBHOOK_KEY}\" }"
                        .formatted(base, WebhookSimulator.SEND_PATH, prefix, prefix);
        };
        return "  - { name: %s, priority: %d, %s%s }\n"
                .formatted(name, priority, entry, extra.isEmpty() ? "" : ", " + extra);
    }

    /**
     * {@code config} with this provider's adapter able to verify what its simulator sends: for SES,
     * SNS certificates from the simulator's own URL only; the other types verify with their keys.
     */
    GatewayConfig adapt(GatewayConfig config) {
        if (type != Type.SES) {
            return config;
        }
        URI certUrl = URI.create(keys().get("signing_cert_url").asText());
        SnsCertificates trusted = SnsCertificates.trusting(Map.of(certUrl, certificate(certUrl)));
        List<ProviderEntry> entries = new ArrayList<>();
        for (ProviderEntry p : config.providers()) {
            AdapterConfig<?> adapter = p.adapter();
            if (p.name().equals(name)) {
                adapter = new AdapterConfig<>(new TrustingSes(trusted), (SesConfig) adapter.config());
            }
            entries.add(new ProviderEntry(
                    p.name(), p.routing(), adapter, p.rateLimit(), p.spfInclude(), p.dkimSelectors()));
        }
        return config.withProviders(entries);
    }

    /**
     * Points the simulator's webhooks at {@code gateway}'s {@code /v1/webhooks/{name}} (Postmark's
     * with its basic-auth credentials in the URL, as Postmark's console takes them).
     */
    void target(URI gateway) {
        URI route = gateway.resolve("/v1/webhooks/" + name);
        String url = type == Type.POSTMARK
                ? "http://%s:%s@%s:%d%s"
                        .formatted(POSTMARK_USER, POSTMARK_PASSWORD, route.getHost(), route.getPort(), route.getPath())
                : route.toString();
        control("PUT", "webhook", JSON.createObjectNode().put("url", url).toString());
    }

    /** The keys {@code GET /_sim/{name}/webhook} shows. */
    JsonNode keys() {
        return control("GET", "webhook", null).get("keys");
    }

    /** Scripts {@code address} to {@code kind} ({@code bounce}, {@code complain}, …) at the simulator. */
    void script(String address, String kind) {
        control("PUT", "script", JSON.createObjectNode().put(address, kind).toString());
    }

    /** Sets the simulator's fault ({@code error(503)}, {@code ok}). */
    void fault(String fault) {
        assertThat(call("PUT", "fault", fault).statusCode()).isEqualTo(200);
    }

    /** Has the simulator send a {@code kind} event for {@code recipient} of its message {@code providerMessageId}, signed with a key nobody knows. */
    void forge(String providerMessageId, String kind, String recipient) {
        ObjectNode body = JSON.createObjectNode()
                .put("message_id", providerMessageId)
                .put("type", kind)
                .put("recipient", recipient)
                .put("wrongly_signed", true);
        control("POST", "events", body.toString());
    }

    /** Every webhook request the simulator made, with the answer it got ({@code GET /_sim/{name}/events}). */
    List<JsonNode> sent() {
        List<JsonNode> sent = new ArrayList<>();
        control("GET", "events", null).forEach(sent::add);
        return sent;
    }

    private JsonNode control(String method, String action, String body) {
        HttpResponse<String> answer = call(method, action, body);
        assertThat(answer.statusCode() / 100).as(answer.body()).isEqualTo(2);
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> call(String method, String action, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(control.url() + "/" + name + "/" + action))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return TestGateway.send(client, request);
    }

    private X509Certificate certificate(URI url) {
        byte[] pem = TestGateway.send(
                        HttpClient.newHttpClient(),
                        HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(10))
                                .build())
                .body()
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new IllegalStateException("the SES simulator's signing certificate does not parse", e);
        }
    }

    @Override
    public void close() {
        control.close();
        simulator.close();
    }
}
