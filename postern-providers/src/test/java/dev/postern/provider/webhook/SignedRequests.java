package dev.postern.provider.webhook;

import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.WebhookOutcome;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** What the verifier tests share: signing as providers do, with keys made in the test. */
public final class SignedRequests {
    private SignedRequests() {}

    /** A fresh EC P-256 key pair, as SendGrid makes one per account. */
    public static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** The public key as SendGrid shows it: base64 of its DER SubjectPublicKeyInfo. */
    public static String base64(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** Base64 DER ECDSA signature of {@code timestamp + body}, as SendGrid's header carries it. */
    public static String ecdsa(KeyPair keys, String timestamp, byte[] body) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(timestamp.getBytes(StandardCharsets.UTF_8));
        signer.update(body);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    public static Map<String, String> headers(String... namesAndValues) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /** The events of an outcome that must be {@link WebhookOutcome.Events}. */
    public static List<DeliveryEvent> events(WebhookOutcome outcome) {
        if (outcome instanceof WebhookOutcome.Events events) {
            return events.events();
        }
        throw new AssertionError("expected events, but was " + outcome);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
