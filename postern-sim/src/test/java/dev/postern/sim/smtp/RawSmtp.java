package dev.postern.sim.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A bare SMTP client speaking line by line, to see the simulator's replies exactly as sent. */
final class RawSmtp implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    final String greeting;

    RawSmtp(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        greeting = reply();
    }

    /** Sends one command and returns its (possibly multi-line) reply, lines joined by newlines. */
    String send(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    String authPlain(String user, String password) throws IOException {
        String token =
                Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return send("AUTH PLAIN " + token);
    }

    /** DATA, the given message lines, the final dot; returns the reply to the dot. */
    String data(String... lines) throws IOException {
        String go = send("DATA");
        if (!go.startsWith("354")) {
            return go;
        }
        return send(String.join("\r\n", lines) + "\r\n.");
    }

    private String reply() throws IOException {
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
