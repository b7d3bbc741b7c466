package com.practicescheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Real HTTP with a bearer token, timed. */
final class Http {

    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** An answer with how long it took: from sending (or an open loop's intended start) to the last byte. */
    record Answer(int status, String body, long nanos) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Answer get(String token, String path) {
        return send(token, "GET", path, null);
    }

    Answer post(String token, String path, Object body) {
        return send(token, "POST", path, body);
    }

    Answer put(String token, String path, Object body) {
        return send(token, "PUT", path, body);
    }

    Answer send(String token, String method, String path, Object body) {
        HttpRequest request = request(token, method, path, body);
        try {
            long started = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), System.nanoTime() - started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A POST that does not wait for its answer; the answer's time runs from {@code timedFrom} (a System.nanoTime()
     * that may lie before the sending, such as an open loop's intended start) to the last byte.
     */
    CompletableFuture<Answer> postAsync(String token, String path, Object body, long timedFrom) {
        return client.sendAsync(request(token, "POST", path, body), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), response.body(),
                        System.nanoTime() - timedFrom));
    }

    private HttpRequest request(String token, String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return request.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer, or an exception naming what was expected. */
    static Answer expect(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + answer.status() + " "
                    + answer.body());
        }
        return answer;
    }
}
