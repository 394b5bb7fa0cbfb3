package dev.postern.server.smtp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A client connection whose commands are checked for bare LF as they are read (see
 * {@link CommandLineGuard}). SubEthaSMTP's reader waits for a CRLF after a bare LF, so without the
 * check {@code EHLO x\n} would get no answer until the command timeout.
 */
final class CommandSocket extends Socket {
    private CommandLineGuard guard;

    /** A server socket that accepts every connection as a {@code CommandSocket}. */
    static ServerSocket serverSocket() throws IOException {
        return new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                Socket socket = new CommandSocket();
                implAccept(socket);
                return socket;
            }
        };
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (guard == null) {
            guard = new CommandLineGuard(super.getInputStream(), super.getOutputStream());
        }
        return guard;
    }

    /** Message data is the message's own (bare LFs in it are refused as a message), not commands. */
    void dataStarted() throws IOException {
        guard().pause();
    }

    void dataEnded() throws IOException {
        guard().resume();
    }

    /**
     * From here on the bytes are TLS records, which may hold any byte: no check beneath TLS.
     * Commands inside TLS are not checked, so there a bare LF waits for the command timeout still.
     */
    void tlsStarted() throws IOException {
        guard().pause();
    }

    private CommandLineGuard guard() throws IOException {
        return (CommandLineGuard) getInputStream();
    }
}
