package dev.postern.email;

/** A valid email to vary in tests. */
final class Emails {
    private Emails() {}

    static Email.Builder valid() {
        return Email.builder()
                .from("Postern <noreply@postern.dev>")
                .to("ada@example.com")
                .subject("Hello")
                .text("Hi Ada");
    }
}
