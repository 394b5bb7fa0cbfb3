package dev.postern.provider.smtp;

import dev.postern.provider.Capabilities;
import dev.postern.provider.Provider;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.provider.type.AdapterKeys;
import dev.postern.provider.type.ProviderType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code type: smtp}, a relay: keys {@code host}, {@code port}, {@code tls}, {@code username},
 * {@code password}, {@code helo}, {@code pool_size}, {@code max_connections},
 * {@code trust_certificate}, {@code trust_all},
 * and {@code timeouts.command} and {@code timeouts.data} beside the shared timeouts
 * (docs/providers.md). The doctor knows nothing of a relay's DNS: {@code spf_include} and {@code
 * dkim_selectors} say it.
 */
public final class SmtpType implements ProviderType<SmtpConfig> {
    public static final String NAME = "smtp";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> keys() {
        return List.of(
                "host",
                "port",
                "tls",
                "username",
                "password",
                "helo",
                "pool_size",
                "max_connections",
                "trust_certificate",
                "trust_all",
                "timeouts.command",
                "timeouts.data");
    }

    @Override
    public SmtpConfig read(AdapterKeys keys, Timeouts shared) {
        String host = keys.required("host");
        int port = (int) keys.integer("port", 587, 1, 65535);
        if (!keys.has("port")) {
            keys.problem("port", "is required (587 for STARTTLS, 465 for implicit TLS, 25 or 2525 plain)");
        }
        SmtpTls tls = SmtpTls.STARTTLS;
        if (keys.has("tls")) {
            try {
                tls = SmtpTls.parse(keys.string("tls").orElse(""));
            } catch (IllegalArgumentException e) {
                keys.problem("tls", "must be one of none, starttls, implicit, but was " + keys.shown("tls"));
            }
        }
        String username = keys.string("username").orElse(null);
        Secret password = keys.secret("password", username != null).orElse(null);
        // a set request timeout bounds the DATA phase too; unset, DATA keeps its longer default
        SmtpTimeouts timeouts = new SmtpTimeouts(
                shared.connect(),
                keys.duration("timeouts.command", shared.request()),
                keys.duration(
                        "timeouts.data",
                        keys.has("timeouts.request") ? shared.request() : SmtpTimeouts.DEFAULTS.data()));
        String certificate = keys.string("trust_certificate").orElse(null);
        String helo = keys.string("helo").orElse(null);
        boolean trustAll = keys.bool("trust_all", false);
        // Each defaults to the other when only one is set, so every pool_size that was valid stays
        // so and max_connections alone also sets how many stay idle.
        int poolSize = (int) keys.integer("pool_size", SmtpConfig.DEFAULT_POOL_SIZE, 0, 64);
        int maxConnections = (int) keys.integer(
                "max_connections",
                keys.has("pool_size")
                        ? Math.max(SmtpConfig.DEFAULT_MAX_CONNECTIONS, poolSize)
                        : SmtpConfig.DEFAULT_MAX_CONNECTIONS,
                1,
                SmtpConfig.MAX_MAX_CONNECTIONS);
        if (!keys.has("pool_size")) {
            poolSize = Math.min(64, maxConnections);
        }
        if (poolSize > maxConnections) {
            keys.problem("pool_size", "must be <= max_connections (" + maxConnections + "), but was " + poolSize);
            poolSize = maxConnections;
        }
        return new SmtpConfig(
                AdapterKeys.present(host),
                port,
                tls,
                username,
                password,
                helo,
                timeouts,
                certificate == null ? null : Path.of(certificate),
                trustAll,
                poolSize,
                maxConnections);
    }

    @Override
    public Provider create(SmtpConfig config) {
        return Smtp.provider(config, Clock.systemUTC());
    }

    @Override
    public Capabilities capabilities() {
        return SmtpProvider.CAPABILITIES;
    }
}
