package dev.postern.server.smtp.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.command.MailCommand;
import org.subethamail.smtp.server.Session;

/**
 * MAIL with its {@code SIZE} parameter checked before SubEthaSMTP reads it: SubEthaSMTP 7.2.2
 * parses it as an {@code int} and, for a larger number or one that is not a number, throws out of
 * the session thread, dropping the connection without a reply. Here such a value is answered as
 * RFC 1870 says: {@code 552} when larger than the limit, {@code 501} when not a number.
 */
final class CheckedMail extends org.subethamail.smtp.internal.server.BaseCommand {
    private static final Pattern SIZE = Pattern.compile("(?i)\\sSIZE=(\\S*)");

    private final MailCommand mail = new MailCommand();
    private final long maxMessageBytes;

    CheckedMail(long maxMessageBytes) {
        super("MAIL", "Specifies the sender.", "FROM:<sender> [SIZE=<bytes>]");
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        Matcher size = SIZE.matcher(commandString);
        if (size.find()) {
            String value = size.group(1);
            if (!value.matches("\\d{1,30}")) {
                session.sendResponse("501 5.5.4 Syntax error in parameters: SIZE must be a number of bytes, but was '"
                        + value.toLowerCase(Locale.ROOT)
                                .replaceAll("[^\\x21-\\x7e]", "?")
                                .substring(0, Math.min(40, value.length()))
                        + "'");
                return;
            }
            if (value.length() > 18 || Long.parseLong(value) > maxMessageBytes) {
                session.sendResponse(Reply.messageTooBig(maxMessageBytes).toString());
                return;
            }
        }
        mail.execute(commandString, session);
    }
}
