package dev.postern.spring;

import dev.postern.provider.transport.Secret;
import dev.postern.provider.type.AdapterKeys;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * One entry of {@code postern.providers} as its provider type reads it: each key ({@code api_key})
 * is bound as its Spring property ({@code postern.providers[0].api-key}), so relaxed binding takes
 * every spelling, and the first problem stops the application with the property named. Secrets
 * are never shown: neither those read as {@link #secret} nor any key whose name says key,
 * password, secret or token.
 */
final class PropertyKeys implements AdapterKeys {
    private static final Pattern CREDENTIAL_NAME = Pattern.compile("(?i).*(key|password|secret|token).*");

    private final Binder binder;
    private final String prefix;

    /** @param prefix the entry's property prefix, {@code postern.providers[0].} */
    PropertyKeys(Binder binder, String prefix) {
        this.binder = binder;
        this.prefix = prefix;
    }

    @Override
    public boolean has(String key) {
        return raw(key).isPresent();
    }

    @Override
    public Optional<String> string(String key) {
        return raw(key);
    }

    @Override
    public String required(String key) {
        String value = raw(key).orElse(null);
        if (value == null) {
            problem(key, "is required");
        } else if (value.isBlank()) {
            problem(key, "must not be blank");
        }
        return value;
    }

    @Override
    public Optional<Secret> secret(String key, boolean required) {
        Optional<String> value = raw(key);
        if (value.isPresent() && !value.get().isBlank()) {
            return Optional.of(new Secret(value.get()));
        }
        if (required || value.isPresent()) {
            problem(key, "must not be blank");
        }
        return Optional.empty();
    }

    @Override
    public long integer(String key, long fallback, long min, long max) {
        Optional<Long> value = bind(key, Long.class, "a whole number");
        if (value.isPresent() && (value.get() < min || value.get() > max)) {
            problem(key, "must be in " + min + ".." + max + ", but was " + value.get());
        }
        return value.orElse(fallback);
    }

    @Override
    public boolean bool(String key, boolean fallback) {
        return bind(key, Boolean.class, "true or false").orElse(fallback);
    }

    @Override
    public Duration duration(String key, Duration fallback) {
        Optional<Duration> value = bind(key, Duration.class, "a duration like 500ms, 5s or 10m");
        if (value.isPresent() && (value.get().isZero() || value.get().isNegative())) {
            problem(key, "must be > 0, but was " + shown(key));
        }
        return value.orElse(fallback);
    }

    @Override
    public Optional<URI> url(String key) {
        Optional<String> value = raw(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> url = AdapterKeys.httpUrl(value.get());
        if (url.isEmpty()) {
            problem(key, "must be an absolute http(s) URL");
        }
        return url;
    }

    /** Stops the application: Spring shows the message with the property named. */
    @Override
    public void problem(String key, String message) {
        throw new PosternConfigException(property(key) + " " + message);
    }

    @Override
    public String shown(String key) {
        // the type decides what it calls a secret; a name like api_key is never echoed either way
        if (CREDENTIAL_NAME.matcher(key).matches()) {
            return has(key) ? "a hidden value" : "nothing";
        }
        return raw(key).map(v -> "'" + v + "'").orElse("nothing");
    }

    private Optional<String> raw(String key) {
        return bind(key, String.class, "a string");
    }

    private <T> Optional<T> bind(String key, Class<T> type, String kind) {
        try {
            return Optional.ofNullable(
                    binder.bind(property(key), Bindable.of(type)).orElse(null));
        } catch (BindException e) {
            throw new PosternConfigException(property(key) + " must be " + kind, e);
        }
    }

    /** {@code timeouts.command} → {@code postern.providers[0].timeouts.command}, in Spring's kebab case. */
    private String property(String key) {
        return prefix + key.replace('_', '-');
    }
}
