package dev.postern.server.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw SMTP connection for hostile clients: bytes written as given, from a chosen loopback
 * address (127.0.0.x, so that per-address limits can be told apart), replies read line by line.
 * Every read waits at most 15 s, so a relay that neither answers nor closes fails the test.
 */
public final class Wire implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    public Wire(int port, String from) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(15_000);
        in = socket.getInputStream();
    }

    public void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** One reply line without its CRLF; {@code null} once the relay closed the connection. */
    public String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        try {
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the relay neither answered nor closed within 15 s", e);
        } catch (SocketException e) {
            return null; // reset: closed
        }
        return null;
    }

    /** A complete (possibly multi-line) reply, or {@code null} once closed. */
    public String reply() throws IOException {
        String line;
        StringBuilder all = new StringBuilder();
        do {
            line = line();
            if (line == null) {
                return all.isEmpty() ? null : all.toString();
            }
            all.append(all.isEmpty() ? "" : "\n").append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return all.toString();
    }

    /** Every reply line until the relay closes the connection. */
    public List<String> linesUntilClosed() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = line()) != null) {
            lines.add(line);
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
