package dev.postern.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.event.WebhookRequest;
import dev.postern.provider.transport.Timeouts;
import dev.postern.provider.type.AdapterConfig;
import dev.postern.provider.type.AdapterKeys;
import dev.postern.provider.type.ProviderType;
import dev.postern.server.config.GatewayConfig;
import dev.postern.server.config.ProviderEntry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test-only delivery-event webhook on every provider of a gateway: each configured adapter is
 * wrapped so that its {@code eventWebhook()} accepts requests carrying {@code X-Test-Token}, with a
 * body of {@code {"events": [{"id", "type", "recipient", "postern_id"?, "provider_message_id"?,
 * "bounce"?, "detail"?}]}}, {@code {"subscribe": URL}}, {@code {"stale": true}} or {@code
 * {"unavailable": REASON, …}} (the verifier cannot verify now, whatever else the body holds). The real
 * verifiers are tested with each provider's own scheme; this one tests the route around them.
 */
final class TokenWebhooks {
    static final String TOKEN = "test-webhook-token-1234";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenWebhooks() {}

    /** {@code config} with every provider's adapter given the token webhook. */
    static GatewayConfig on(GatewayConfig config) {
        List<ProviderEntry> wrapped = new ArrayList<>();
        for (ProviderEntry p : config.providers()) {
            wrapped.add(new ProviderEntry(
                    p.name(), p.routing(), wrap(p.adapter()), p.rateLimit(), p.spfInclude(), p.dkimSelectors()));
        }
        return config.withProviders(wrapped);
    }

    private static <C> AdapterConfig<C> wrap(AdapterConfig<C> real) {
        return new AdapterConfig<>(new Type<>(real.type()), real.config());
    }

    /** The real type, whose adapters also take the token webhook. */
    private record Type<C>(ProviderType<C> real) implements ProviderType<C> {
        @Override
        public String name() {
            return real.name();
        }

        @Override
        public List<String> keys() {
            return real.keys();
        }

        @Override
        public C read(AdapterKeys keys, Timeouts timeouts) {
            return real.read(keys, timeouts);
        }

        @Override
        public Provider create(C config) {
            return new WithWebhook(real.create(config));
        }

        @Override
        public Capabilities capabilities() {
            return real.capabilities();
        }

        @Override
        public boolean eventWebhookConfigured(C config) {
            return true;
        }
    }

    private record WithWebhook(Provider real) implements Provider {
        @Override
        public String type() {
            return real.type();
        }

        @Override
        public SendOutcome send(Email email, AttemptContext context) {
            return real.send(email, context);
        }

        @Override
        public HealthResult checkHealth() {
            return real.checkHealth();
        }

        @Override
        public Capabilities capabilities() {
            return real.capabilities();
        }

        @Override
        public Optional<EventWebhook> eventWebhook() {
            return Optional.of(TokenWebhooks::receive);
        }
    }

    static WebhookOutcome receive(WebhookRequest request) {
        byte[] token = request.header("X-Test-Token").orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, TOKEN.getBytes(StandardCharsets.UTF_8))) {
            return new WebhookOutcome.Unauthorized("no or wrong X-Test-Token");
        }
        try {
            JsonNode body = JSON.readTree(request.body());
            if (body == null || !body.isObject()) {
                return new WebhookOutcome.Malformed("not a JSON object");
            }
            if (body.has("unavailable")) {
                return new WebhookOutcome.Unavailable(body.get("unavailable").asText());
            }
            if (body.has("subscribe")) {
                return new WebhookOutcome.Subscribe(
                        URI.create(body.get("subscribe").asText()));
            }
            if (body.has("stale")) {
                return new WebhookOutcome.Stale("signed too long ago");
            }
            List<DeliveryEvent> events = new ArrayList<>();
            for (JsonNode e : body.path("events")) {
                events.add(new DeliveryEvent(
                        e.get("id").asText(),
                        DeliveryEventType.fromWire(e.get("type").asText()),
                        e.get("recipient").asText(),
                        Optional.ofNullable(e.get("postern_id")).map(JsonNode::asText),
                        Optional.ofNullable(e.get("provider_message_id")).map(JsonNode::asText),
                        Instant.parse(e.path("at").asText("2026-01-05T10:00:00Z")),
                        Optional.ofNullable(e.get("bounce"))
                                .map(b -> BounceKind.valueOf(b.asText().toUpperCase())),
                        e.path("detail").asText("")));
            }
            return new WebhookOutcome.Events(events);
        } catch (IOException | RuntimeException e) {
            return new WebhookOutcome.Malformed("unreadable: " + e.getMessage());
        }
    }
}
