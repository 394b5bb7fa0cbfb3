package dev.postern.server.smtp.internal;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.command.DataCommand;
import org.subethamail.smtp.server.Session;

/**
 * DATA, ending the transaction whatever the reply to the final dot (RFC 5321 §4.1.1.4).
 * SubEthaSMTP 7.2.2 ends it only after a 250, so after a refused message the next MAIL would get
 * {@code 503 Sender already specified}. A closing relay waits for every DATA in here.
 */
final class EndingData extends org.subethamail.smtp.internal.server.BaseCommand {
    private final DataCommand data = new DataCommand();
    private final Sessions sessions;

    EndingData(Sessions sessions) {
        super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
        this.sessions = sessions;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        sessions.dataStarted();
        if (session.getSocket() instanceof CommandSocket commands) {
            commands.dataStarted(); // a bare LF in the message is the message's refusal, not a command's
        }
        try {
            data.execute(commandString, session);
        } finally {
            if (session.getSocket() instanceof CommandSocket commands) {
                commands.dataEnded();
            }
            sessions.dataEnded(); // after the reply went out, so closing cannot cut it off
        }
        if (session.getMessageHandler() instanceof Transaction transaction && transaction.dataRead()) {
            session.resetMailTransaction();
        }
    }
}
