package dev.postern.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The load tool's SMTP client: one session, one write per command and one for the message with
 * its final dot, {@code TCP_NODELAY} on — so that what is measured is the relay, not Nagle's
 * algorithm meeting delayed ACKs (40 ms per message on Linux loopback).
 */
final class SmtpClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
        reply();
    }

    /** Sends one command line; returns the reply's code (a multi-line reply is read to its end). */
    int command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** DATA, then {@code message} (CRLF line ends, dot-stuffed by the caller) and the final dot in one write. */
    int data(String message) throws IOException {
        int go = command("DATA");
        if (go != 354) {
            return go;
        }
        out.write((message + ".\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    private int reply() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("the server closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return Integer.parseInt(line.substring(0, 3));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
