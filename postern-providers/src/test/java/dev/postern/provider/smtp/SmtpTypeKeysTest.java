package dev.postern.provider.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.provider.type.AdapterKeys;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@code pool_size} and {@code max_connections} default to each other (docs/providers.md). */
class SmtpTypeKeysTest {
    private static final Timeouts SHARED = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));

    @Test
    void unsetBothAllowSixteenConnectionsAndKeepThemAllIdle() {
        SmtpConfig config = read(Map.of());
        assertThat(config.maxConnections()).isEqualTo(16);
        assertThat(config.poolSize()).isEqualTo(16);
    }

    @Test
    void poolSizeAloneKeepsItsMeaningAndRaisesTheBoundWhenAbove() {
        assertThat(read(Map.of("pool_size", 4L)))
                .extracting(SmtpConfig::poolSize, SmtpConfig::maxConnections)
                .containsExactly(4, 16);
        assertThat(read(Map.of("pool_size", 64L)))
                .extracting(SmtpConfig::poolSize, SmtpConfig::maxConnections)
                .containsExactly(64, 64);
    }

    @Test
    void maxConnectionsAloneAlsoSetsHowManyStayIdle() {
        assertThat(read(Map.of("max_connections", 4L)))
                .extracting(SmtpConfig::poolSize, SmtpConfig::maxConnections)
                .containsExactly(4, 4);
        assertThat(read(Map.of("max_connections", 200L)))
                .extracting(SmtpConfig::poolSize, SmtpConfig::maxConnections)
                .containsExactly(64, 200);
    }

    @Test
    void aPoolSizeAboveMaxConnectionsIsReportedOnPoolSize() {
        MapKeys keys = new MapKeys(Map.of("pool_size", 8L, "max_connections", 4L));
        new SmtpType().read(keys, SHARED);
        assertThat(keys.problems).containsExactly("pool_size: must be <= max_connections (4), but was 8");
    }

    private static SmtpConfig read(Map<String, Object> extra) {
        MapKeys keys = new MapKeys(extra);
        SmtpConfig config = new SmtpType().read(keys, SHARED);
        assertThat(keys.problems).isEmpty();
        return config;
    }

    /** host 127.0.0.1, port 2525, tls none, plus the given keys. */
    private static final class MapKeys implements AdapterKeys {
        private final Map<String, Object> values;
        final List<String> problems = new ArrayList<>();

        MapKeys(Map<String, Object> extra) {
            values = new java.util.HashMap<>(extra);
            values.put("host", "127.0.0.1");
            values.put("port", 2525L);
            values.put("tls", "none");
        }

        @Override
        public boolean has(String key) {
            return values.get(key) != null;
        }

        @Override
        public Optional<String> string(String key) {
            return Optional.ofNullable(values.get(key)).map(String::valueOf);
        }

        @Override
        public String required(String key) {
            return string(key).orElse(null);
        }

        @Override
        public Optional<Secret> secret(String key, boolean required) {
            return string(key).map(Secret::new);
        }

        @Override
        public long integer(String key, long fallback, long min, long max) {
            return values.get(key) instanceof Long value ? value : fallback;
        }

        @Override
        public boolean bool(String key, boolean fallback) {
            return values.get(key) instanceof Boolean value ? value : fallback;
        }

        @Override
        public Duration duration(String key, Duration fallback) {
            return fallback;
        }

        @Override
        public Optional<URI> url(String key) {
            return Optional.empty();
        }

        @Override
        public void problem(String key, String message) {
            problems.add(key + ": " + message);
        }

        @Override
        public String shown(String key) {
            return String.valueOf(values.get(key));
        }
    }
}
