package dev.postern.sim.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and random secrets, as the providers' webhook signatures use them. */
public final class Hmac {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Hmac() {}

    /** HMAC-SHA256 of {@code data} (UTF-8) under {@code key}. */
    public static byte[] sha256(byte[] key, String data) {
        return sha256(key, data.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** {@code n} random bytes. */
    public static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** {@code n} random bytes as lower-case hex. */
    public static String randomHex(int n) {
        return HexFormat.of().formatHex(randomBytes(n));
    }
}
