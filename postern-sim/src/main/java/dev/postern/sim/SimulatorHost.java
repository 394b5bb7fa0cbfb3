package dev.postern.sim;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Several simulators in one process, each under a name, with a control API over HTTP so that a
 * running {@code demo}, a drill or a benchmark can change their faults:
 *
 * <ul>
 *   <li>{@code GET /_sim} — every simulator: {@code {"name": {"type", "base_url", "fault"}}}
 *   <li>{@code PUT /_sim/{name}/fault} with a text body such as {@code error(503)} ({@link Fault#parse})
 *   <li>{@code GET /_sim/{name}/messages} — what it accepted; {@code DELETE} forgets them
 *   <li>{@code /_sim/{name}/webhook}, {@code /script}, {@code /events} — its delivery-event webhooks
 *       (see {@code EventControl})
 * </ul>
 *
 * The control server listens on loopback only.
 */
public final class SimulatorHost implements AutoCloseable {
    private final Map<String, Simulator> simulators;
    private final ControlServer control;

    private SimulatorHost(Map<String, Simulator> simulators, int controlPort) {
        this.simulators = Collections.unmodifiableMap(simulators);
        this.control = new ControlServer(this.simulators, controlPort);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The simulator registered under {@code name}. */
    public Simulator get(String name) {
        Simulator simulator = simulators.get(name);
        if (simulator == null) {
            throw new IllegalArgumentException(
                    "no simulator named '" + name + "'; known: " + String.join(", ", simulators.keySet()));
        }
        return simulator;
    }

    public Map<String, Simulator> simulators() {
        return simulators;
    }

    /** Where the control API listens. */
    public URI controlUrl() {
        return control.url();
    }

    /** Stops the control API and every simulator. */
    @Override
    public void close() {
        control.close();
        simulators.values().forEach(Simulator::close);
    }

    /** Collects started simulators, then starts the control API. */
    public static final class Builder {
        private final Map<String, Simulator> simulators = new LinkedHashMap<>();
        private int controlPort;

        private Builder() {}

        /** Adds a started simulator under {@code name}, with {@code fault} in force. */
        public Builder add(String name, Simulator simulator, Fault fault) {
            Objects.requireNonNull(simulator, "simulator");
            if (simulators.containsKey(name)) {
                throw new IllegalArgumentException("simulator name '" + name + "' is used twice");
            }
            simulator.fault(fault);
            simulators.put(name, simulator);
            return this;
        }

        public Builder add(String name, Simulator simulator) {
            return add(name, simulator, new Fault.Ok());
        }

        /** The control API's port; 0 (the default) picks a free one. */
        public Builder controlPort(int port) {
            this.controlPort = port;
            return this;
        }

        public SimulatorHost start() {
            return new SimulatorHost(new LinkedHashMap<>(simulators), controlPort);
        }
    }
}
