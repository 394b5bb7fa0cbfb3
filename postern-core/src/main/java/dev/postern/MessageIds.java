package dev.postern;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Makes message ids: 26-character ULIDs (48 bits of milliseconds, 80 random bits, Crockford
 * base32). They sort by creation time, which keeps outbox indexes compact, and cannot be guessed.
 */
public final class MessageIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public MessageIds(Clock clock) {
        this.clock = clock;
    }

    public String next() {
        long millis = clock.millis();
        byte[] entropy = new byte[10];
        random.nextBytes(entropy);
        char[] id = new char[26];
        for (int i = 9; i >= 0; i--) {
            id[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (entropy[i] & 0xff);
            low = (low << 8) | (entropy[i + 5] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            id[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            id[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(id);
    }
}
