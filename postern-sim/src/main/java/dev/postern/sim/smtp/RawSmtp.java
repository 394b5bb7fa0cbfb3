package dev.postern.sim.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A bare SMTP client speaking line by line, for tests that must see a server's replies exactly as
 * sent (the simulator's, the relay's) — Angus Mail hides them behind exceptions.
 */
public final class RawSmtp implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    public final String greeting;

    public RawSmtp(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        greeting = reply();
    }

    /** Sends one command and returns its (possibly multi-line) reply, lines joined by newlines. */
    public String send(String command) throws IOException {
        write(command + "\r\n");
        return reply();
    }

    /** Writes bytes as they are, with no line ending added. */
    public void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public String authPlain(String user, String password) throws IOException {
        return send("AUTH PLAIN " + plainToken(user, password));
    }

    public static String plainToken(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** DATA, the given message text (CRLF line endings are the caller's), the final dot. */
    public String data(String message) throws IOException {
        String go = send("DATA");
        if (!go.startsWith("354")) {
            return go;
        }
        write(message);
        return send(".");
    }

    /** DATA with {@code lines} joined by CRLF, then the final dot; returns the reply to the dot. */
    public String dataLines(String... lines) throws IOException {
        return data(String.join("\r\n", lines) + "\r\n");
    }

    /** The next (possibly multi-line) reply, lines joined by newlines; {@code [EOF]} when the server closed. */
    public String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return all.append("[EOF]").toString();
            }
            all.append(all.isEmpty() ? "" : "\n").append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return all.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
