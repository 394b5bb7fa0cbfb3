package dev.postern.server.smtp.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * EHLO with the extensions docs/smtp.md promises: SIZE, 8BITMIME, PIPELINING, ENHANCEDSTATUSCODES,
 * STARTTLS while a certificate is configured and TLS not yet started, and AUTH PLAIN LOGIN when
 * users exist and this client may authenticate now. SubEthaSMTP's own EHLO leaves out PIPELINING
 * (which its session handles) and offers CHUNKING and SMTPUTF8, which Postern does not promise; it
 * is replaced through the command registry, which lives in an internal package: a small, deliberate
 * dependency on it.
 */
final class RelayEhlo extends BaseCommand {
    private final Clients clients;
    private final TlsPolicy tls;
    private final long maxMessageBytes;
    private final boolean authOffered;

    RelayEhlo(Clients clients, TlsPolicy tls, long maxMessageBytes, boolean authOffered) {
        super("EHLO", "Introduce yourself.", "<hostname>");
        this.clients = clients;
        this.tls = tls;
        this.maxMessageBytes = maxMessageBytes;
        this.authOffered = authOffered;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        String[] args = getArgs(commandString);
        if (args.length < 2) {
            session.sendResponse("501 5.5.4 Syntax: EHLO hostname");
            return;
        }
        session.resetMailTransaction();
        session.setHelo(args[1]);
        Client client = clients.of(session);
        List<String> lines = new ArrayList<>();
        lines.add(session.getServer().getHostName());
        lines.add("SIZE " + maxMessageBytes);
        lines.add("8BITMIME");
        lines.add("PIPELINING");
        lines.add("ENHANCEDSTATUSCODES");
        if (tls.tlsConfigured() && !session.isTLSStarted()) {
            lines.add("STARTTLS");
        }
        if (authOffered && !session.isAuthenticated() && !tls.authNeedsTls(client)) {
            lines.add("AUTH PLAIN LOGIN");
        }
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            reply.append(i > 0 ? "\r\n" : "")
                    .append(i < lines.size() - 1 ? "250-" : "250 ")
                    .append(lines.get(i));
        }
        session.sendResponse(reply.toString());
    }
}
