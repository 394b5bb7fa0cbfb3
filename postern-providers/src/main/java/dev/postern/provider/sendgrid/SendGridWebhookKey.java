package dev.postern.provider.sendgrid;

import dev.postern.provider.transport.Secret;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the Signed Event Webhook's verification key as SendGrid shows it: base64 of an X.509
 * SubjectPublicKeyInfo holding an EC P-256 key (a PEM frame around it is taken off). Messages
 * never quote the key: it may have come from the environment next to real secrets.
 */
final class SendGridWebhookKey {
    private static final String RULE =
            "webhook.key must be the base64 verification key SendGrid shows for its Signed Event Webhook"
                    + " (an EC P-256 public key), but ";

    private SendGridWebhookKey() {}

    static ECPublicKey parse(Secret key) {
        String text = key.value()
                .replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(RULE + "it is not base64");
        }
        try {
            if (KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)) instanceof ECPublicKey ec
                    && ec.getParams().getCurve().getField().getFieldSize() == 256) {
                return ec;
            }
            throw new IllegalArgumentException(RULE + "it is another kind of key");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(RULE + "it is not a public key");
        }
    }
}
