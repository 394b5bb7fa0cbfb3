package dev.postern.provider.pigeon;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A pigeon adapter: takes every message, answering with the loft's name and Postern's id. */
public final class Pigeon implements Provider {
    private final PigeonConfig config;
    private final List<Email> carried = new CopyOnWriteArrayList<>();

    Pigeon(PigeonConfig config) {
        this.config = config;
    }

    public PigeonConfig config() {
        return config;
    }

    /** Every message this adapter took, in order. */
    public List<Email> carried() {
        return List.copyOf(carried);
    }

    @Override
    public String type() {
        return PigeonType.NAME;
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        carried.add(email);
        return new SendOutcome.Accepted(config.loft() + "-" + context.messageId());
    }

    @Override
    public HealthResult checkHealth() {
        return HealthResult.up();
    }

    @Override
    public Capabilities capabilities() {
        return PigeonType.CAPABILITIES;
    }
}
