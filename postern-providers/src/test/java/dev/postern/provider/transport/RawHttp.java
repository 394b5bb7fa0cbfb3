package dev.postern.provider.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The server side of one HTTP/1.1 exchange, byte by byte: what a test needs to see exactly what left the client. */
final class RawHttp {
    private RawHttp() {}

    /** Reads the request line and headers, up to the blank line (or what came before the client closed). */
    static String readHead(Socket connection) throws IOException {
        connection.setSoTimeout(5000);
        InputStream in = connection.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Bytes that arrive until the client closes the connection (or 5 s pass). */
    static int bytesUntilClosed(Socket connection) throws IOException {
        connection.setSoTimeout(5000);
        int count = 0;
        try {
            while (connection.getInputStream().read() != -1) {
                count++;
            }
        } catch (IOException e) {
            // reset by the client or timed out: what came before counts
        }
        return count;
    }

    static void write(Socket connection, String text) throws IOException {
        OutputStream out = connection.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
