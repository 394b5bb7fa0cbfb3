package dev.postern.spring;

import dev.postern.sim.Fault;
import dev.postern.sim.Simulator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@link Simulators} for tests in other packages. */
public final class SimulatorsAccess implements AutoCloseable {
    private final Simulators sims = new Simulators();

    public Simulator primary() {
        return sims.primary;
    }

    public Simulator backup() {
        return sims.backup;
    }

    /** Both simulators healthy and empty again. */
    public void reset() {
        for (Simulator s : new Simulator[] {sims.primary, sims.backup}) {
            s.fault(new Fault.Ok());
            s.clear();
        }
    }

    public ApplicationContextRunner configure(ApplicationContextRunner runner) {
        return sims.configure(runner);
    }

    @Override
    public void close() {
        sims.close();
    }
}
