package dev.postern.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * How Postern stores and checks secrets: API keys and SMTP passwords are high-entropy random
 * strings made by {@link #newSecret()} ({@code postern key new}), stored only as lower-case hex
 * SHA-256, and compared in constant time.
 */
public final class Hashes {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Hashes() {}

    /** Lower-case hex SHA-256 of {@code secret}'s UTF-8 bytes. */
    public static String sha256Hex(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** True when {@code secret} hashes to {@code expectedSha256Hex}; time does not depend on where they differ. */
    public static boolean matches(String secret, String expectedSha256Hex) {
        byte[] actual = sha256Hex(secret).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = expectedSha256Hex.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, expected);
    }

    /** True for a 64-character lower-case hex string, the only form hashes are configured in. */
    public static boolean isSha256Hex(String text) {
        return text != null && SHA256_HEX.matcher(text).matches();
    }

    /** A fresh secret: {@code pst_} and 32 random bytes in URL-safe base64 (256 bits). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "pst_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
