package com.practicescheduler.query.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP through Spring's {@link JavaMailSender}: configured by Spring Boot's {@code spring.mail.host},
 * {@code spring.mail.port} (and credentials); the sender is {@code practice-scheduler.notifications.email.from}.
 */
@Component
class EmailOutbound implements Outbound {

    private final ObjectProvider<JavaMailSender> mailSender;
    private final String from;

    EmailOutbound(ObjectProvider<JavaMailSender> mailSender,
                  @Value("${practice-scheduler.notifications.email.from:no-reply@localhost}") String from) {
        this.mailSender = mailSender;
        this.from = from;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Optional<String> unavailable() {
        return mailSender.getIfAvailable() == null
                ? Optional.of("no email server configured (spring.mail.host)") : Optional.empty();
    }

    @Override
    public void send(OutboundMessage message) throws DeliveryFailed {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw new DeliveryFailed(unavailable().orElseThrow());
        }
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(from));
            helper.setTo(new InternetAddress(message.address(), true));
            helper.setSubject(message.subject());
            helper.setText(message.body());
            sender.send(mime);
        } catch (MessagingException | MailException e) {
            // the exception's own message can name the address: only its kind is kept
            throw new DeliveryFailed("email not accepted by the server (" + e.getClass().getSimpleName() + ")");
        }
    }
}
