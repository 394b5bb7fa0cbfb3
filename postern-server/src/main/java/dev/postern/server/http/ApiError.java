package dev.postern.server.http;

import dev.postern.error.PosternException;
import java.time.Duration;
import java.util.Optional;

/**
 * An answer in the API's error shape, {@code {"error": {"code", "message", "field"}}}, thrown by
 * handlers and written by one exception mapper.
 *
 * @param retryAfter sent as {@code Retry-After} (429, 503)
 */
final class ApiError extends PosternException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String code;
    final String field;
    final transient Optional<Duration> retryAfter;

    ApiError(int status, String code, String message, String field, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfter = Optional.ofNullable(retryAfter);
    }

    static ApiError badRequest(String code, String field, String message) {
        return new ApiError(400, code, message, field, null);
    }

    static ApiError invalidField(String field, String message) {
        return badRequest("invalid_field", field, message);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message, null, null);
    }

    static ApiError forbidden(String code, String message, String field) {
        return new ApiError(403, code, message, field, null);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message, null, null);
    }

    static ApiError tooLarge(long max) {
        return new ApiError(413, "payload_too_large", "the request body must be at most " + max + " bytes", null, null);
    }
}
