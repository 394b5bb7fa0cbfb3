package dev.postern.outbox.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A {@code postgresql://user[:password]@host[:port]/database[?params]} store location, split into
 * the JDBC URL and the credentials. {@link #toString()} never shows the password, neither the user
 * info's nor a query parameter whose name says password, secret, token or key ({@code
 * ?password=}, {@code sslpassword=}), so the location can be logged.
 */
record PostgresUrl(String jdbcUrl, String user, String password) {
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("([?&][^=&]*(?i:password|secret|token|key)[^=&]*=)[^&]*");

    static PostgresUrl parse(String location) {
        URI uri;
        try {
            uri = URI.create(location.replaceFirst("^postgres(ql)?://", "postgresql://"));
        } catch (IllegalArgumentException e) {
            throw new StoreException("store must be postgresql://user@host:port/database, but it is not a URL", e);
        }
        String database = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (uri.getHost() == null || database.isEmpty()) {
            throw new StoreException(
                    "store must be postgresql://user@host:port/database, but the host or database is missing", null);
        }
        String user = "";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : "";
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new PostgresUrl(
                "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database + query, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return SECRET_PARAMETER.matcher(jdbcUrl).replaceAll("$1***") + " as "
                + (user.isEmpty() ? "(default user)" : user);
    }
}
