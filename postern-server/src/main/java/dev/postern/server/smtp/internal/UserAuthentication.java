package dev.postern.server.smtp.internal;

import dev.postern.server.auth.Hashes;
import dev.postern.server.auth.SmtpUser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;

/**
 * AUTH PLAIN and LOGIN against the configured users. The password's SHA-256 is compared in
 * constant time, and an unknown user costs the same comparison, so timing tells nothing. The
 * identity of an authenticated session is the user name. Logs name the user (only if it exists)
 * and the client, never the AUTH payload.
 */
final class UserAuthentication implements AuthenticationHandlerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(UserAuthentication.class);
    /** Compared against when the user is unknown, so both paths do the same work. */
    private static final String NO_USER = Hashes.sha256Hex("no such user");

    private final EasyAuthenticationHandlerFactory delegate;

    UserAuthentication(Map<String, SmtpUser> users) {
        this.delegate = new EasyAuthenticationHandlerFactory((username, password, context) -> {
            SmtpUser user = users.get(username);
            boolean matches = Hashes.matches(password, user == null ? NO_USER : user.passwordSha256());
            if (user == null || !matches) {
                LOG.warn(
                        "AUTH failed from {} for {}",
                        context.getRemoteAddress(),
                        user == null ? "an unknown user" : "user " + user.username());
                throw new LoginFailedException();
            }
            LOG.debug("AUTH as {} from {}", user.username(), context.getRemoteAddress());
        });
    }

    @Override
    public List<String> getAuthenticationMechanisms() {
        return delegate.getAuthenticationMechanisms();
    }

    @Override
    public AuthenticationHandler create() {
        AuthenticationHandler handler = delegate.create();
        return new AuthenticationHandler() {
            @Override
            public Optional<String> auth(String clientInput, MessageContext context) throws RejectException {
                try {
                    return handler.auth(clientInput, context);
                } catch (RejectException e) {
                    // SubEthaSMTP leaves out the enhanced code RFC 4954 gives this reply
                    throw e.getCode() == 535 ? Reply.BAD_CREDENTIALS.exception() : e;
                }
            }

            @Override
            public Object getIdentity() {
                return handler.getIdentity();
            }
        };
    }
}
