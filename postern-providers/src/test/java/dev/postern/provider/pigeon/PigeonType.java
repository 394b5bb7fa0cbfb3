package dev.postern.provider.pigeon;

import dev.postern.provider.Capabilities;
import dev.postern.provider.Provider;
import dev.postern.provider.transport.Timeouts;
import dev.postern.provider.type.AdapterKeys;
import dev.postern.provider.type.DnsKnowledge;
import dev.postern.provider.type.ProviderType;
import java.util.List;

/**
 * {@code type: pigeon}, a provider type that exists only in this test jar, registered by its own
 * {@code META-INF/services} entry: proof that configuration, the Spring starter and the doctor take
 * a type they were never told about. Keys: {@code loft} (required), {@code birds} (1..100, default
 * 1) and {@code timeouts.flight}.
 */
public final class PigeonType implements ProviderType<PigeonConfig> {
    public static final String NAME = "pigeon";

    static final Capabilities CAPABILITIES = Capabilities.builder()
            .tracking(false)
            .carbonCopies(false)
            .maxRecipients(3)
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> keys() {
        return List.of("loft", "birds", "timeouts.flight");
    }

    @Override
    public PigeonConfig read(AdapterKeys keys, Timeouts timeouts) {
        String loft = keys.required("loft");
        int birds = (int) keys.integer("birds", 1, 1, 100);
        return new PigeonConfig(AdapterKeys.present(loft), birds, keys.duration("timeouts.flight", timeouts.request()));
    }

    @Override
    public Provider create(PigeonConfig config) {
        return new Pigeon(config);
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public DnsKnowledge dns() {
        return DnsKnowledge.spf("spf.pigeon.example").withDkimSelectors(List.of("coo"));
    }
}
