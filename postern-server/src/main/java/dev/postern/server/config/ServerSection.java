package dev.postern.server.config;

import dev.postern.email.EmailLimits;
import dev.postern.server.auth.ApiKey;
import dev.postern.server.auth.Hashes;
import dev.postern.server.auth.Scope;
import dev.postern.server.auth.SenderDomains;
import dev.postern.server.auth.SmtpUser;
import dev.postern.server.auth.TrustedNetworks;
import dev.postern.server.tls.TlsFiles;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code server} ({@code http}, {@code smtp}, {@code tls}) and {@code auth}. */
final class ServerSection {
    private ServerSection() {}

    static HttpConfig http(Section server) {
        Section http = server.section("http");
        http.allow("listen", "max_request_bytes", "idle_timeout", "https", "max_request_bytes_in_flight");
        HttpConfig d = HttpConfig.DEFAULTS;
        Duration idle = http.duration("idle_timeout", d.idleTimeout());
        if (idle.toMillis() < 100 || idle.compareTo(Duration.ofHours(1)) > 0) {
            http.problem("idle_timeout", "must be in 100ms..1h, but was " + http.showValue("idle_timeout"));
            idle = d.idleTimeout();
        }
        // A certificate means HTTPS and STARTTLS; `https: false` opts out (TLS ends at a proxy)
        boolean https = http.bool("https", server.has("tls"));
        if (https && !server.has("tls")) {
            http.problem("https", "needs server.tls (cert and key) to serve HTTPS");
        }
        Listen listen = listen(http, d.listen());
        // Fail closed: keys in clear across a network only when the operator says TLS ends elsewhere
        if (!listen.isLoopback() && !https && !http.has("https")) {
            http.problem(
                    "listen",
                    listen + " is not loopback and the API would serve plain HTTP, so API keys would cross the"
                            + " network in clear: set server.tls (cert, key) to serve HTTPS, or set"
                            + " server.http.https: false when a TLS proxy in front ends TLS");
        }
        return new HttpConfig(
                listen,
                http.integer("max_request_bytes", d.maxRequestBytes(), 1024, Integer.MAX_VALUE),
                idle,
                https,
                http.integer("max_request_bytes_in_flight", d.maxRequestBytesInFlight(), 1024, Long.MAX_VALUE / 2));
    }

    static Optional<TlsFiles> tls(Section server) {
        if (!server.has("tls")) {
            return Optional.empty();
        }
        Section tls = server.section("tls");
        tls.allow("cert", "key");
        Path cert = file(tls, "cert");
        Path key = file(tls, "key");
        return cert == null || key == null ? Optional.empty() : Optional.of(new TlsFiles(cert, key));
    }

    static SmtpRelayConfig smtp(Section server, Section auth, Optional<TlsFiles> tls, Findings findings) {
        Section smtp = server.section("smtp");
        smtp.allow(
                "listen",
                "allow_plaintext_auth",
                "max_message_bytes",
                "max_recipients",
                "command_timeout",
                "max_connections",
                "max_connections_per_client",
                "anonymous");
        SmtpRelayConfig d = SmtpRelayConfig.DEFAULTS;
        int maxConnections = (int) smtp.integer("max_connections", d.maxConnections(), 1, 100_000);
        Listen listen = listen(smtp, d.listen());
        List<SmtpUser> users = smtpUsers(auth);
        // Fail closed: passwords in clear across a network only when the operator opts in
        if (!listen.isLoopback() && tls.isEmpty() && !users.isEmpty() && !smtp.bool("allow_plaintext_auth", false)) {
            smtp.problem(
                    "listen",
                    listen + " is not loopback, auth.smtp_users is set and server.tls is not: AUTH would take"
                            + " passwords in clear: set server.tls (cert, key) for STARTTLS, or set"
                            + " server.smtp.allow_plaintext_auth: true");
        }
        return new SmtpRelayConfig(
                listen,
                smtp.integer("max_message_bytes", d.maxMessageBytes(), 1024, Integer.MAX_VALUE),
                // Bounded by what an Email takes: a larger limit would accept recipients at RCPT
                // that the message then refuses after DATA.
                (int) smtp.integer("max_recipients", d.maxRecipients(), 1, EmailLimits.MAX_RECIPIENTS),
                users,
                trustedNetworks(auth, findings),
                tls,
                smtp.duration("command_timeout", d.commandTimeout()),
                maxConnections,
                (int) smtp.integer("max_connections_per_client", 0, 1, maxConnections),
                anonymous(smtp.section("anonymous"), maxConnections));
    }

    /** {@code server.smtp.anonymous}: limits for clients that have not authenticated (AnonymousLimits). */
    private static AnonymousLimits anonymous(Section anonymous, int maxConnections) {
        anonymous.allow("timeout", "max_commands", "max_connections", "max_connection_rate_per_client");
        AnonymousLimits d = AnonymousLimits.DEFAULTS;
        Duration timeout = anonymous.duration("timeout", d.timeout());
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
            anonymous.problem("timeout", "must be in 1s..1h, but was " + anonymous.showValue("timeout"));
            timeout = d.timeout();
        }
        return new AnonymousLimits(
                timeout,
                (int) anonymous.integer("max_commands", d.maxCommands(), 1, 1000),
                (int) anonymous.integer("max_connections", d.maxConnections(), 1, maxConnections),
                (int) anonymous.integer("max_connection_rate_per_client", d.maxConnectionRatePerClient(), 1, 100_000));
    }

    static List<ApiKey> apiKeys(Section auth) {
        List<ApiKey> keys = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (Section k : auth.sections("api_keys")) {
            k.allow("name", "key_sha256", "scopes", "sender_domains", "rate_limit", "allow_address_in_from_name");
            String name = k.required("name");
            if (name != null && !names.add(name)) {
                k.problem("name", "'" + name + "' names two API keys");
            }
            String hash = hash(k, "key_sha256");
            if (hash != null && !hashes.add(hash)) {
                k.problem("key_sha256", "the same key is configured twice");
            }
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            List<String> listed = k.strings("scopes");
            for (int i = 0; i < listed.size(); i++) {
                try {
                    scopes.add(Scope.parse(listed.get(i)));
                } catch (IllegalArgumentException e) {
                    k.problem("scopes[" + i + "]", e.getMessage());
                }
            }
            if (listed.isEmpty()) {
                k.problem("scopes", "must list send, admin or both");
            }
            SenderDomains domains = senderDomains(k);
            int perSecond = 0;
            if (k.has("rate_limit")) {
                Section limit = k.section("rate_limit");
                limit.allow("per_second");
                if (!limit.has("per_second")) {
                    limit.problem("per_second", "is required: the requests per second this key may make");
                }
                perSecond = (int) limit.integer("per_second", 0, 1, 1_000_000);
            }
            if (name != null && hash != null && !scopes.isEmpty() && domains != null) {
                keys.add(new ApiKey(
                        name, hash, scopes, domains, perSecond, k.bool("allow_address_in_from_name", false)));
            }
        }
        return keys;
    }

    private static List<SmtpUser> smtpUsers(Section auth) {
        List<SmtpUser> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Section u : auth.sections("smtp_users")) {
            u.allow("username", "password_sha256", "sender_domains", "allow_address_in_from_name");
            String username = u.required("username");
            if (username != null && !names.add(username)) {
                u.problem("username", "'" + username + "' is configured twice");
            }
            String hash = hash(u, "password_sha256");
            SenderDomains domains = senderDomains(u);
            if (username != null && hash != null && domains != null) {
                users.add(new SmtpUser(username, hash, domains, u.bool("allow_address_in_from_name", false)));
            }
        }
        return users;
    }

    private static TrustedNetworks trustedNetworks(Section auth, Findings findings) {
        List<String> cidrs = new ArrayList<>();
        List<String> listed = auth.strings("trusted_networks");
        boolean openRelay = auth.bool("allow_open_relay", false);
        for (int i = 0; i < listed.size(); i++) {
            String cidr = listed.get(i);
            try {
                if (!TrustedNetworks.isWide(cidr)) {
                    cidrs.add(cidr);
                } else if (openRelay) {
                    cidrs.add(cidr);
                    findings.warn("auth.allow_open_relay is true: trusted_networks " + cidr
                            + " lets much of the internet relay through Postern without AUTH");
                } else {
                    auth.problem(
                            "trusted_networks[" + i + "]",
                            cidr + " covers more than a /8 of IPv4 or a /16 of IPv6 (outside fc00::/7), which"
                                    + " makes the relay open to much of the internet: list your own networks,"
                                    + " or set auth.allow_open_relay: true");
                }
            } catch (IllegalArgumentException e) {
                auth.problem("trusted_networks[" + i + "]", e.getMessage());
            }
        }
        return new TrustedNetworks(cidrs);
    }

    private static String hash(Section s, String key) {
        String hash = s.required(key);
        if (hash != null && !Hashes.isSha256Hex(hash)) {
            // never echo it: a pasted key instead of its hash would be a secret
            s.problem(key, "must be 64 lower-case hex characters, the SHA-256 that postern key new prints");
            return null;
        }
        return hash;
    }

    private static SenderDomains senderDomains(Section s) {
        List<String> domains = s.strings("sender_domains");
        if (domains.isEmpty()) {
            s.problem("sender_domains", "must list the domains this sender may use, or \"*\" for any");
            return null;
        }
        try {
            return new SenderDomains(domains);
        } catch (IllegalArgumentException e) {
            s.problem("sender_domains", e.getMessage());
            return null;
        }
    }

    private static Listen listen(Section s, Listen fallback) {
        Optional<String> text = s.string("listen");
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Listen.parse(text.get());
        } catch (IllegalArgumentException e) {
            s.problem("listen", e.getMessage());
            return fallback;
        }
    }

    private static Path file(Section s, String key) {
        String text = s.required(key);
        if (text == null) {
            return null;
        }
        try {
            Path path = Path.of(text);
            if (!Files.isReadable(path)) {
                s.problem(key, "cannot read the file " + s.showValue(key));
                return null;
            }
            return path;
        } catch (InvalidPathException e) {
            s.problem(key, "is not a file path: " + s.showValue(key));
            return null;
        }
    }
}
