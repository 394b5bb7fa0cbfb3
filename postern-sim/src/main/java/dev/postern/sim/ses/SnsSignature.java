package dev.postern.sim.ses;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * SNS message signatures, {@code SignatureVersion} 2: SHA256withRSA over the string to sign, which
 * lists, each as {@code name\nvalue\n} in this order, {@code Message, MessageId, Subject} (if
 * present){@code , Timestamp, TopicArn, Type} for a notification, and {@code Message, MessageId,
 * SubscribeURL, Timestamp, Token, TopicArn, Type} for a subscription confirmation.
 */
final class SnsSignature {
    static final List<String> NOTIFICATION =
            List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    static final List<String> CONFIRMATION =
            List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SnsSignature() {}

    /** The string to sign for {@code message} (its {@code Type} says which fields). */
    static String stringToSign(Map<String, String> message) {
        List<String> fields = message.get("Type").equals("Notification") ? NOTIFICATION : CONFIRMATION;
        StringBuilder text = new StringBuilder();
        for (String field : fields) {
            String value = message.get(field);
            if (value != null) {
                text.append(field).append('\n').append(value).append('\n');
            }
        }
        return text.toString();
    }

    static String sign(KeyPair keys, Map<String, String> message) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(stringToSign(message).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA is part of every JDK", e);
        }
    }

    /** SNS's timestamp form: {@code 2012-04-26T20:45:04.751Z}. */
    static String timestamp(Instant at) {
        return TIMESTAMP.format(at);
    }
}
