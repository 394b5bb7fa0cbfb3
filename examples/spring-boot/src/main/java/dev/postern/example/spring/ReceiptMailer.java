package dev.postern.example.spring;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/** Application code as it was before Postern: it knows only Spring's {@link JavaMailSender}. */
@Service
public class ReceiptMailer {
    private final JavaMailSender mail;

    public ReceiptMailer(JavaMailSender mail) {
        this.mail = mail;
    }

    public void sendReceipt(String to, String order) throws MessagingException {
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom("Shop <orders@shop.example>");
        helper.setTo(to);
        helper.setSubject("Your receipt for order " + order);
        helper.setText("Thanks for order " + order + ".", "<p>Thanks for order <b>" + order + "</b>.</p>");
        mail.send(message);
    }
}
