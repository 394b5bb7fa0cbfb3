package dev.postern.doctor;

import dev.postern.error.PosternException;
import java.net.InetSocketAddress;

/** Parses the {@code HOST:PORT} of a resolver, as given on the command line. */
final class ResolverAddress {
    private ResolverAddress() {}

    static InetSocketAddress parse(String value) {
        String text = value == null ? "" : value.strip();
        String host;
        String port = "53";
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw invalid(value);
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalid(value);
                }
                port = rest.substring(1);
            }
        } else if (text.indexOf(':') != text.lastIndexOf(':')) {
            host = text; // a bare IPv6 address
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? port : text.substring(colon + 1);
        }
        if (host.isBlank()
                || !port.matches("\\d{1,5}")
                || Integer.parseInt(port) < 1
                || Integer.parseInt(port) > 65535) {
            throw invalid(value);
        }
        return InetSocketAddress.createUnresolved(host, Integer.parseInt(port));
    }

    private static PosternException invalid(String value) {
        return new PosternException(
                "resolver must be HOST:PORT (e.g. 127.0.0.1:53 or [::1]:53), but was '" + value + "'");
    }
}
