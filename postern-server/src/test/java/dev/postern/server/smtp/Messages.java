package dev.postern.server.smtp;

/** Raw messages as applications send them, CRLF line endings. */
final class Messages {
    private Messages() {}

    static String receipt(String from, String to) {
        return String.join(
                "\r\n",
                "From: Shop <" + from + ">",
                "To: <" + to + ">",
                "Subject: Your receipt",
                "Message-ID: <receipt-1@shop.example>",
                "X-Order: 42",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: 8bit",
                "",
                "Thanks for your order. Größe: M",
                "",
                "");
    }

    static String receipt() {
        return receipt("orders@shop.example", "ada@example.com");
    }
}
