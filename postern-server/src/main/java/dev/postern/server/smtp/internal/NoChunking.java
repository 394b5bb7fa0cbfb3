package dev.postern.server.smtp.internal;

import java.io.IOException;
import org.subethamail.smtp.server.Session;

/**
 * BDAT is refused: the relay does not offer CHUNKING (RFC 3030), so one path, DATA, carries every
 * message through the same size limit and checks.
 */
final class NoChunking extends org.subethamail.smtp.internal.server.BaseCommand {
    NoChunking() {
        super("BDAT", "Not offered: use DATA.");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        session.sendResponse("502 5.5.1 BDAT is not offered; use DATA");
    }
}
