package dev.postern.spring;

import dev.postern.error.PosternException;

/** {@code postern.*} holds a value Postern cannot use; the message starts with the property's name. */
public final class PosternConfigException extends PosternException {
    private static final long serialVersionUID = 1L;

    PosternConfigException(String message) {
        super(message);
    }

    PosternConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
