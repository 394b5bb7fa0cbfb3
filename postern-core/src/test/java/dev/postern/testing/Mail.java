package dev.postern.testing;

import dev.postern.email.Email;

/** Small valid messages for tests that are about routing, not content. */
public final class Mail {
    private Mail() {}

    public static Email receipt() {
        return Email.builder()
                .from("Shop <orders@shop.example>")
                .to("ada@example.com")
                .subject("Your receipt")
                .text("Thanks for your order.")
                .build();
    }
}
