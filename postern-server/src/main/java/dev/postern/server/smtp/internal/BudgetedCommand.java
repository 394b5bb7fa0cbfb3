package dev.postern.server.smtp.internal;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * A command counted against the budget of a session that has not authenticated ({@link
 * AnonymousSessions}); once it authenticates, the session leaves those limits. Every command in
 * SubEthaSMTP's registry is wrapped in one. Lines that name no command are answered {@code 500} by
 * SubEthaSMTP before any command runs, so they are not counted: the session's timeout bounds them.
 */
final class BudgetedCommand implements Command {
    private final Command command;
    private final AnonymousSessions anonymous;

    BudgetedCommand(Command command, AnonymousSessions anonymous) {
        this.command = command;
        this.anonymous = anonymous;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        anonymous.spend(session);
        try {
            command.execute(commandString, session);
        } finally {
            if (session.isAuthenticated()) {
                anonymous.authenticated(session);
            }
        }
    }

    @Override
    public HelpMessage getHelp() throws CommandException {
        return command.getHelp();
    }

    @Override
    public String getName() {
        return command.getName();
    }
}
