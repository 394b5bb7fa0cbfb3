package dev.postern.provider.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * An SMTP server that answers each stage with a scripted reply, for the per-stage failure table.
 * Replies are literal lines, or {@link #HANG} (never answer), {@link #CLOSE} (close without a
 * reply) or {@link #GARBAGE} (a line that is not an SMTP reply). Unscripted stages succeed.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    static final String HANG = "<hang>";
    static final String CLOSE = "<close>";
    static final String GARBAGE = "<garbage>";

    private final ServerSocket server;
    private final Map<SmtpStage, String> script = new EnumMap<>(SmtpStage.class);
    private final CountDownLatch closed = new CountDownLatch(1);

    ScriptedSmtpServer(SmtpStage stage, String reply) throws IOException {
        script.put(stage, reply);
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> converse(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            if (!reply(out, SmtpStage.GREETING, "220 scripted ESMTP")) {
                return;
            }
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                boolean goOn = switch (verb) {
                    case "EHLO" -> reply(out, SmtpStage.EHLO, "250-scripted\r\n250 AUTH PLAIN");
                    case "HELO" -> reply(out, SmtpStage.EHLO, "250 scripted");
                    case "AUTH" -> reply(out, SmtpStage.AUTH, "235 2.7.0 Authentication successful");
                    case "MAIL" -> reply(out, SmtpStage.MAIL, "250 2.1.0 Ok");
                    case "RCPT" -> reply(out, SmtpStage.RCPT, "250 2.1.5 Ok");
                    case "DATA" -> data(in, out);
                    case "QUIT" -> write(out, "221 2.0.0 Bye") && false;
                    default -> write(out, "250 2.0.0 Ok"); // NOOP, RSET
                };
                if (!goOn) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private boolean data(BufferedReader in, OutputStream out) throws IOException {
        if (!reply(out, SmtpStage.DATA, "354 End data with <CR><LF>.<CR><LF>")) {
            return false;
        }
        // only a 354 opens the body; after a refusal the client goes on with commands (RSET)
        if (!script.getOrDefault(SmtpStage.DATA, "354").startsWith("354")) {
            return true;
        }
        return readBody(in) && reply(out, SmtpStage.AFTER_DOT, "250 2.0.0 Ok: queued");
    }

    /** Answers {@code stage} as scripted, or with {@code normal}; false when the conversation ends. */
    private boolean reply(OutputStream out, SmtpStage stage, String normal) throws IOException {
        String reply = script.getOrDefault(stage, normal);
        switch (reply) {
            case HANG -> {
                awaitClose();
                return false;
            }
            case CLOSE -> {
                return false;
            }
            case GARBAGE -> {
                write(out, "%%% not an SMTP reply");
                return false;
            }
            default -> {
                // a 421 reply closes the channel (RFC 5321 §3.8)
                return write(out, reply) && !reply.startsWith("421");
            }
        }
    }

    private static boolean readBody(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return true;
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
    }
}
