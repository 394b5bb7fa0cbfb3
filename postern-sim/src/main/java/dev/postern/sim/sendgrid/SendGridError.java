package dev.postern.sim.sendgrid;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of SendGrid's error envelope; {@code field} and {@code help} are null when not applicable. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record SendGridError(String message, String field, String help) {
    static SendGridError of(String message) {
        return new SendGridError(message, null, null);
    }
}
