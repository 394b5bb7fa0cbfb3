package dev.postern.server.smtp.internal;

import dev.postern.server.auth.AuthThrottle;
import dev.postern.server.auth.Hashes;
import dev.postern.server.auth.SmtpUser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 * identity of an authenticated session is the user name. Each failure is counted against the
 * client's address by the {@link AuthThrottle}, which logs it (naming the user only if it exists,
 * never the AUTH payload); the failure that blocks the address is answered {@code 421 4.7.0}.
 */
final class UserAuthentication implements AuthenticationHandlerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(UserAuthentication.class);
    /** Compared against when the user is unknown, so both paths do the same work. */
    private static final String NO_USER = Hashes.sha256Hex("no such user");

    private final EasyAuthenticationHandlerFactory delegate;
    private final AuthThrottle throttle;

    UserAuthentication(Map<String, SmtpUser> users, AuthThrottle throttle) {
        this.throttle = throttle;
        this.delegate = new EasyAuthenticationHandlerFactory((username, password, context) -> {
            SmtpUser user = users.get(username);
            boolean matches = Hashes.matches(password, user == null ? NO_USER : user.passwordSha256());
            if (user == null || !matches) {
                throttle.failed(
                        address(context),
                        "SMTP AUTH " + (user == null ? "for an unknown user" : "as user " + user.username()));
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
                    if (e.getCode() != 535) {
                        throw e;
                    }
                    // SubEthaSMTP leaves out the enhanced code RFC 4954 gives this reply
                    boolean blocked = throttle.verdict(address(context)) instanceof AuthThrottle.Verdict.Blocked;
                    throw (blocked ? Reply.AUTH_BLOCKED : Reply.BAD_CREDENTIALS).exception();
                }
            }

            @Override
            public Object getIdentity() {
                return handler.getIdentity();
            }
        };
    }

    private static InetAddress address(MessageContext context) {
        return ((InetSocketAddress) context.getRemoteAddress()).getAddress();
    }
}
