package dev.postern.provider.webhook;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Event ids for records a provider sends without one (Postmark's deliveries, opens and clicks): a
 * digest of what identifies the event, so that the provider's retry of the same record gets the
 * same id and is ignored as a replay.
 */
public final class EventIds {
    private EventIds() {}

    /**
     * The hex SHA-256 of {@code parts}, each followed by a newline (a part cannot contain one and
     * shift its neighbour's bytes into itself unnoticed: the separators stay in place).
     */
    public static String digest(String... parts) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            text.append(part == null ? "" : part.replace("\n", "\\n")).append('\n');
        }
        return HexFormat.of().formatHex(Signatures.sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
