package com.practicescheduler.platform.openapi;

import com.practicescheduler.platform.web.Problems;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The RFC 9457 problem as {@link Problems} writes it, and the problem responses every endpoint shares. */
final class ProblemSchemas {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** Refusals any /api endpoint can answer with, by status. */
    static final List<Integer> EVERYWHERE = List.of(400, 401, 403, 429, 500, 503);

    private ProblemSchemas() {
    }

    static Schema<?> problem() {
        return new ObjectSchema()
                .description("An RFC 9457 problem. `type` is `/problems/<slug>`; `errors` only for validation-failed")
                .addProperty("type", new StringSchema().format("uri-reference").example("/problems/slot-unavailable"))
                .addProperty("title", new StringSchema().example("Slot unavailable"))
                .addProperty("status", new IntegerSchema().example(409))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("The path that was refused"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref(ref("FieldError")))
                        .description("The invalid fields (validation-failed only)"))
                .addProperty("appointmentIds", new ArraySchema().items(new StringSchema())
                        .description("The booked appointments in the way (conflicts-with-appointments only)"))
                .addProperty("conflicts", new ArraySchema().items(new ObjectSchema()
                                .addProperty("start", new StringSchema().format("date-time"))
                                .addProperty("problem", new StringSchema().example("slot-unavailable")))
                        .description("The occurrences that cannot be booked, with their slugs (series-conflicts only)"))
                .required(List.of("type", "title", "status"));
    }

    static Schema<?> fieldError() {
        return new ObjectSchema()
                .description("One invalid field of a request")
                .addProperty("field", new StringSchema().example("start"))
                .addProperty("message", new StringSchema().example("must not be null"))
                .required(List.of("field", "message"));
    }

    /** Shared responses, named after their slug, for {@link #EVERYWHERE}, 404 and 413. */
    static Map<String, ApiResponse> commonResponses() {
        Map<String, ApiResponse> responses = new LinkedHashMap<>();
        responses.put(name(400), response(400, "The request is malformed or has invalid fields"));
        responses.put(name(401), response(401, "No valid bearer token")
                .addHeaderObject("WWW-Authenticate", header("Bearer, with the reason when a token was refused")));
        responses.put(name(403), response(403, "The token's roles do not allow this"));
        responses.put(name(404), response(404, "No such resource in your practice"));
        responses.put(name(413), response(413, "The request body is larger than the limit"));
        responses.put(name(429), response(429, "Over the rate limit for the client address or token")
                .addHeaderObject("Retry-After", header("Seconds to wait before trying again")));
        responses.put(name(500), response(500, "Unexpected error"));
        responses.put(name(503), response(503, "The database or the read models are not available yet")
                .addHeaderObject("Retry-After", header("Seconds to wait before trying again, when known")));
        return responses;
    }

    /** The component name of the shared response for {@code status}: its slug, e.g. {@code not-found}. */
    static String name(int status) {
        return Problems.slug(status);
    }

    /** A problem response whose {@code type} is one of {@code slugs}. */
    static ApiResponse problemResponse(String description, List<String> slugs) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(typed(slugs))));
    }

    private static ApiResponse response(int status, String description) {
        return problemResponse(description, List.of(Problems.slug(status)));
    }

    private static Schema<?> typed(List<String> slugs) {
        List<String> types = new ArrayList<>();
        slugs.forEach(slug -> types.add("/problems/" + slug));
        return new Schema<>().allOf(List.of(new Schema<>().$ref(ref("Problem")),
                new ObjectSchema().addProperty("type", new StringSchema()._enum(types))));
    }

    private static Header header(String description) {
        return new Header().description(description).schema(new StringSchema());
    }

    private static String ref(String schema) {
        return "#/components/schemas/" + schema;
    }
}
