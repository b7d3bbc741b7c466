package com.practicescheduler.query.notification;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * SMS through an HTTP gateway shaped like the common providers' messages API: {@code POST} to
 * {@code practice-scheduler.notifications.sms.url} with a form body {@code To}, {@code From}, {@code Body} and HTTP
 * Basic credentials ({@code ...sms.username} / {@code ...sms.password}, e.g. an account id and its token). Any 2xx
 * answer is a message handed over.
 */
@Component
class SmsOutbound implements Outbound {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String url;
    private final String username;
    private final String password;
    private final String from;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    SmsOutbound(@Value("${practice-scheduler.notifications.sms.url:}") String url,
                @Value("${practice-scheduler.notifications.sms.username:}") String username,
                @Value("${practice-scheduler.notifications.sms.password:}") String password,
                @Value("${practice-scheduler.notifications.sms.from:}") String from) {
        this.url = url.strip();
        this.username = username;
        this.password = password;
        this.from = from;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Optional<String> unavailable() {
        return url.isEmpty() ? Optional.of("no SMS gateway configured (practice-scheduler.notifications.sms.url)")
                : Optional.empty();
    }

    @Override
    public void send(OutboundMessage message) throws DeliveryFailed {
        if (url.isEmpty()) {
            throw new DeliveryFailed(unavailable().orElseThrow());
        }
        String form = "To=" + encode(message.address()) + "&From=" + encode(from) + "&Body=" + encode(message.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (!username.isEmpty()) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new DeliveryFailed("SMS gateway answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new DeliveryFailed("SMS gateway unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted while sending");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
