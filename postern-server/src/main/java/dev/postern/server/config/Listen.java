package dev.postern.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a server listens: {@code host:port} ({@code 127.0.0.1:8025}, {@code [::1]:2525}, {@code
 * 0.0.0.0:8025}). Port 0 picks a free port (tests); the running server reports the real one.
 */
public record Listen(String host, int port) {

    public Listen {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("listen needs a host, e.g. 127.0.0.1:8025");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listen port must be in 0..65535, but was " + port);
        }
    }

    /** Parses {@code host:port}; an IPv6 host goes in brackets. */
    public static Listen parse(String text) {
        String s = text == null ? "" : text.strip();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("listen must be host:port, e.g. 127.0.0.1:8025, but was '" + s + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new Listen(host, Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "listen port must be a number, but was '" + s.substring(colon + 1) + "'");
        }
    }

    /** True for {@code localhost} and loopback addresses: only this machine can connect. */
    public boolean isLoopback() {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (!h.matches("[0-9a-f:.]+")) {
            return false; // a host name: do not resolve it just to decide a warning
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
