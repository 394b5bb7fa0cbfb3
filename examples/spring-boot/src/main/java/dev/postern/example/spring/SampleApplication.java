package dev.postern.example.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An ordinary Spring Boot application that sends mail with {@code JavaMailSender}. Its only
 * Postern-specific parts are the starter dependency and the {@code postern:} block in {@code
 * application.yml}: two providers, tried in order, so a failing primary fails over to the backup.
 */
@SpringBootApplication
public class SampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
