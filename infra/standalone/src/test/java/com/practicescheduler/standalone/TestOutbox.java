package com.practicescheduler.standalone;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where messages to patients go in the tests: a real SMTP server (GreenMail) and a local HTTP server shaped like an
 * SMS provider's messages API. One of each for the test JVM, started on first use on free ports.
 */
final class TestOutbox {

    static final String SMS_PATH = "/2010-04-01/Accounts/AC-test/Messages.json";
    static final String SMS_USER = "AC-test";
    static final String SMS_PASSWORD = "sms-test-token";
    static final String FROM = "reminders@practice.test";

    private static GreenMail smtp;
    private static HttpServer smsGateway;
    private static final ConcurrentLinkedQueue<Sms> TEXTS = new ConcurrentLinkedQueue<>();

    private TestOutbox() {
    }

    /** A text the gateway accepted: its form fields and whether the credentials were right. */
    record Sms(String to, String from, String body, boolean authorized) {
    }

    /** An email the SMTP server received. */
    record Email(List<String> to, String from, String subject, String body) {
    }

    static synchronized void start() {
        if (smtp != null) {
            return;
        }
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        try {
            smsGateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String expected = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((SMS_USER + ":" + SMS_PASSWORD).getBytes(StandardCharsets.UTF_8));
        smsGateway.createContext(SMS_PATH, exchange -> {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            boolean authorized = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            TEXTS.add(new Sms(form.get("To"), form.get("From"), form.get("Body"), authorized));
            byte[] answer = "{\"sid\":\"SM-test\",\"status\":\"queued\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorized ? 201 : 401, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        smsGateway.start();
    }

    static int smtpPort() {
        start();
        return smtp.getSmtp().getPort();
    }

    static String smsUrl() {
        start();
        return "http://127.0.0.1:" + smsGateway.getAddress().getPort() + SMS_PATH;
    }

    /** The properties that point an application at this outbox. */
    static Map<String, String> properties() {
        return Map.of("spring.mail.host", "127.0.0.1",
                "spring.mail.port", Integer.toString(smtpPort()),
                "practice-scheduler.notifications.email.from", FROM,
                "practice-scheduler.notifications.sms.url", smsUrl(),
                "practice-scheduler.notifications.sms.username", SMS_USER,
                "practice-scheduler.notifications.sms.password", SMS_PASSWORD,
                "practice-scheduler.notifications.sms.from", "+15550009999");
    }

    static List<Email> emailsTo(String address) {
        start();
        return Arrays.stream(smtp.getReceivedMessages())
                .map(TestOutbox::email)
                .filter(email -> email.to().contains(address))
                .toList();
    }

    static List<Sms> textsTo(String phone) {
        return TEXTS.stream().filter(sms -> phone.equals(sms.to())).toList();
    }

    private static Email email(MimeMessage message) {
        try {
            return new Email(Arrays.stream(message.getAllRecipients()).map(Address::toString).toList(),
                    message.getFrom()[0].toString(), message.getSubject(),
                    message.getContent() instanceof String text ? text : GreenMailUtil.getBody(message));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
