package com.practicescheduler.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Real HTTP against the running application, as a staff app would call it. */
final class Api {

    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String base;

    Api(int port) {
        this.port = port;
        this.base = "http://localhost:" + port;
    }

    /**
     * Sends {@code request} as it is, from the loopback address {@code from} (e.g. {@code 127.0.0.2}), and answers
     * what the server wrote: for tests whose client must be an address of its own, apart from every other test's
     * limits and counted refusals.
     */
    String raw(String request, String from) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(from), 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response get(String token, String path) {
        return send(token, "GET", path, null, Map.of());
    }

    Response post(String token, String path, Object body) {
        return send(token, "POST", path, body, Map.of());
    }

    Response put(String token, String path, Object body) {
        return send(token, "PUT", path, body, Map.of());
    }

    Response delete(String token, String path) {
        return send(token, "DELETE", path, null, Map.of());
    }

    /** {@code body}: a String is sent as it is (to send broken JSON), anything else as JSON. */
    Response send(String token, String method, String path, Object body, Map<String, String> headers) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    // generous: a loaded two-core machine (or one under libfaketime) answers slowly, not wrongly
                    .timeout(Duration.ofSeconds(120))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::setHeader);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode json = response.body().isEmpty() || !isJson ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code body}: the JSON answer (a null node for any other); {@code text}: the answer as it came. */
    record Response(int status, JsonNode body, String text, HttpHeaders headers) {

        /**
         * The problem slug, e.g. "slot-unavailable", or null when the body is no problem; of a FHIR
         * {@code OperationOutcome}, the slug its first issue carries ({@code details.coding[0].code}).
         */
        String slug() {
            if (body.path("resourceType").asText().equals("OperationOutcome")) {
                String code = body.path("issue").path(0).path("details").path("coding").path(0).path("code").asText();
                return code.isEmpty() ? null : code;
            }
            String type = body.path("type").asText("");
            return type.startsWith("/problems/") ? type.substring("/problems/".length()) : null;
        }

        String id() {
            return body.path("id").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
