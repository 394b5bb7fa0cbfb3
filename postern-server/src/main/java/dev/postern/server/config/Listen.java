package dev.postern.server.config;

import java.util.Objects;

/**
 * Where a listener binds: a host (name or literal address) and a port. {@code port} 0 asks the
 * system for a free port, which tests use.
 *
 * @param host an IPv4 or IPv6 literal or a host name; IPv6 without brackets
 */
public record Listen(String host, int port) {

    public Listen {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("listen host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("listen port must be in 0..65535, but was " + port);
        }
    }

    /** Parses {@code 127.0.0.1:2525}, {@code localhost:2525} or {@code [::1]:2525}. */
    public static Listen parse(String text) {
        Objects.requireNonNull(text, "listen");
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("listen must be host:port, but was '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(
                    "listen must write an IPv6 address in brackets ([::1]:2525), but was '" + text + "'");
        }
        try {
            return new Listen(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listen port must be a number, but was '" + text + "'");
        }
    }

    /** True for {@code localhost} and loopback addresses: only this machine can connect. */
    public boolean isLoopback() {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (!h.matches("[0-9a-f:.]+")) {
            return false; // a host name: do not resolve it just to decide a warning
        }
        try {
            return java.net.InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
