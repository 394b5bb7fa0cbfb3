package dev.postern.error;

/**
 * Root of the exceptions Postern throws: misuse of its API (invalid input, bad configuration) and
 * broken infrastructure. The outcome of a send is never an exception: see {@code SendOutcome}.
 */
public class PosternException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PosternException(String message) {
        super(message);
    }

    public PosternException(String message, Throwable cause) {
        super(message, cause);
    }
}
