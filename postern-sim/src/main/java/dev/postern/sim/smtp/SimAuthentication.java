package dev.postern.sim.smtp;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;

/**
 * AUTH PLAIN and LOGIN against one expected user and password, refusing everyone while the
 * {@code auth_fail} fault is on. Refusals read {@code 535 5.7.8 Authentication credentials invalid}
 * as RFC 4954 words them (SubEthaSMTP alone leaves out the enhanced code).
 */
final class SimAuthentication implements AuthenticationHandlerFactory {
    private final EasyAuthenticationHandlerFactory delegate;

    SimAuthentication(String username, String password, BooleanSupplier refuseAll) {
        this.delegate = new EasyAuthenticationHandlerFactory((user, pass, context) -> {
            if (refuseAll.getAsBoolean() || !username.equals(user) || !password.equals(pass)) {
                throw new LoginFailedException();
            }
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
                    if (e.getCode() == 535) {
                        throw new RejectException(535, "5.7.8 Authentication credentials invalid");
                    }
                    throw e;
                }
            }

            @Override
            public Object getIdentity() {
                return handler.getIdentity();
            }
        };
    }
}
