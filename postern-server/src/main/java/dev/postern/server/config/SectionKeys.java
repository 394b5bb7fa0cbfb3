package dev.postern.server.config;

import dev.postern.provider.transport.Secret;
import dev.postern.provider.type.AdapterKeys;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A provider entry of {@code postern.yml} as its type reads it: every problem is reported with its
 * path and line, and reading goes on. A dotted key ({@code timeouts.command}) is read in the mapping
 * it names.
 */
final class SectionKeys implements AdapterKeys {
    private final Section entry;

    SectionKeys(Section entry) {
        this.entry = entry;
    }

    @Override
    public boolean has(String key) {
        return in(key).has(last(key));
    }

    @Override
    public Optional<String> string(String key) {
        return in(key).string(last(key));
    }

    @Override
    public String required(String key) {
        return in(key).required(last(key));
    }

    @Override
    public Optional<Secret> secret(String key, boolean required) {
        return in(key).secret(last(key), required);
    }

    @Override
    public long integer(String key, long fallback, long min, long max) {
        return in(key).integer(last(key), fallback, min, max);
    }

    @Override
    public boolean bool(String key, boolean fallback) {
        return in(key).bool(last(key), fallback);
    }

    @Override
    public Duration duration(String key, Duration fallback) {
        return in(key).duration(last(key), fallback);
    }

    @Override
    public Optional<URI> url(String key) {
        return in(key).url(last(key));
    }

    @Override
    public void problem(String key, String message) {
        in(key).problem(last(key), message);
    }

    @Override
    public String shown(String key) {
        return in(key).showValue(last(key));
    }

    private Section in(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? entry : entry.section(key.substring(0, dot));
    }

    private static String last(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }
}
