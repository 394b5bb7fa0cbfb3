package dev.postern.sim.smtp;

import java.io.IOException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * NOOP that never answers while the simulator hangs, so that a health probe (connect, EHLO, AUTH,
 * NOOP, QUIT) sees the hang as a send would. Replaces SubEthaSMTP's NOOP through its command
 * registry, which lives in an internal package: a deliberate, small dependency on it.
 */
final class FaultyNoop extends BaseCommand {
    private final SmtpSimulator simulator;

    FaultyNoop(SmtpSimulator simulator) {
        super("NOOP", "The noop command");
        this.simulator = simulator;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        if (simulator.hangUntilReleased()) {
            session.closeSocket();
            return;
        }
        session.sendResponse("250 2.0.0 Ok");
    }
}
