package dev.postern.provider.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The primitives the verifiers share: HMAC-SHA256 and a comparison that leaks no timing. */
public final class Signatures {
    private Signatures() {}

    /** HMAC-SHA256 of {@code data} with {@code key}. */
    public static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /**
     * Whether {@code given} equals {@code expected}, in time that depends on neither's content nor
     * length: both are hashed first, so {@link MessageDigest#isEqual} always compares 32 bytes.
     */
    public static boolean same(byte[] given, byte[] expected) {
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    /** {@link #same(byte[], byte[])} for text, compared as UTF-8. */
    public static boolean same(String given, String expected) {
        return same(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
