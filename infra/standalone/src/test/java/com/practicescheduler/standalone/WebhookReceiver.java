package com.practicescheduler.standalone;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on localhost (the JDK's HTTP server) for tests: records every request it gets and answers the
 * statuses it is told to, one per request, then 200. {@link #verified} checks a request's signature as the Standard
 * Webhooks specification says, written here independently of the application's code.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(String id, String timestamp, String signature, String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();

    WebhookReceiver(Integer... firstAnswers) {
        answers.addAll(List.of(firstAnswers));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            received.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), headers.getFirst("Content-Type"), body));
            int status;
            synchronized (answers) {
                status = answers.isEmpty() ? 200 : answers.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL to subscribe, by the name "localhost". */
    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Whether {@code request} is signed with {@code secret} ({@code whsec_} and base64 of the key). */
    static boolean verified(Received request, String secret) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String signed = request.id() + "." + request.timestamp() + "." + request.body();
            byte[] expected = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
            // the header may carry several space-separated signatures; one of them must match
            for (String signature : request.signature().split(" ")) {
                String[] parts = signature.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> subscription(String url, String... events) {
        return Map.of("url", url, "events", List.of(events), "description", "Practice EHR sync");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
