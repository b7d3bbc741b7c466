package com.practicescheduler.platform.openapi;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.platform.web.EventPositionHeader;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Completes each operation as the contract has it: the bearer scheme with the roles of its {@link PreAuthorize},
 * the problem responses it can answer with (those of every endpoint, {@code 404} for an id in the path, {@code 413}
 * for a body, and its {@link Refuses}), a {@code Location} on a {@code 201}, JSON rather than {@code *}{@code /*}.
 */
final class ContractOperations implements OperationCustomizer {

    static final String BEARER = "bearer";

    private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");
    private static final String ANY = "*/*";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean noToken = handler.getBeanType().isAnnotationPresent(NoToken.class)
                || handler.hasMethodAnnotation(NoToken.class);
        if (noToken) {
            operation.setSecurity(List.of());
        } else {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
        }
        List<String> roles = roles(handler);
        if (!roles.isEmpty()) {
            String allowed = "Roles: " + String.join(", ", roles) + ".";
            operation.setDescription(operation.getDescription() == null ? allowed
                    : operation.getDescription() + "\n\n" + allowed);
        }
        if (handler.hasMethodAnnotation(GetMapping.class)) {
            operation.addParametersItem(new Parameter().in("header").name(EventPositionHeader.NAME).required(false)
                    .description("A position a command's answer named: the answer waits until the read models "
                            + "have processed it (503 with Retry-After past a bounded wait)")
                    .schema(new StringSchema().pattern("^[0-9]{1,19}$")));
        }
        operation.setResponses(responses(operation, handler));
        return operation;
    }

    private static ApiResponses responses(Operation operation, HandlerMethod handler) {
        Map<Integer, ApiResponse> byStatus = new TreeMap<>();
        operation.getResponses().forEach((code, response) -> {
            jsonForAny(response.getContent());
            if (code.equals("201")) {
                response.addHeaderObject("Location", new Header().description("The new resource's address")
                        .required(true).schema(new StringSchema().format("uri-reference")));
            }
            if (code.equals("204")) {
                response.setContent(null);
            }
            byStatus.put(Integer.valueOf(code), response);
        });

        Set<Integer> common = new LinkedHashSet<>(ProblemSchemas.EVERYWHERE);
        if (handler.getBeanType().isAnnotationPresent(NoToken.class) || handler.hasMethodAnnotation(NoToken.class)) {
            common.remove(401);
            common.remove(403);
        }
        boolean idInPath = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "path".equals(p.getIn()));
        List<ErrorCode> refusals = refusals(handler);
        if (idInPath || refusals.contains(ErrorCode.NOT_FOUND)) {
            common.add(404);
        }
        if (operation.getRequestBody() != null) {
            common.add(413);
        }
        common.forEach(status -> byStatus.put(status, new ApiResponse()
                .$ref("#/components/responses/" + ProblemSchemas.name(status))));

        Map<Integer, List<String>> domain = refusals.stream()
                .filter(code -> !common.contains(code.status()))
                .collect(Collectors.groupingBy(ErrorCode::status, TreeMap::new,
                        Collectors.mapping(ErrorCode::slug, Collectors.toList())));
        domain.forEach((status, slugs) -> byStatus.put(status,
                ProblemSchemas.problemResponse("Refused: " + String.join(", ", slugs), slugs)));

        ApiResponses responses = new ApiResponses();
        byStatus.forEach((status, response) -> responses.addApiResponse(Integer.toString(status), response));
        return responses;
    }

    /** Spring MVC answers these endpoints with JSON; springdoc, seeing no {@code produces}, writes any type. */
    private static void jsonForAny(Content content) {
        if (content != null && content.containsKey(ANY)) {
            content.put(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, content.remove(ANY));
        }
    }

    private static List<ErrorCode> refusals(HandlerMethod handler) {
        Refuses refuses = handler.getMethodAnnotation(Refuses.class);
        return refuses == null ? List.of() : Arrays.asList(refuses.value());
    }

    /** The roles the method's (or else its class's) {@code @PreAuthorize} names. */
    private static List<String> roles(HandlerMethod handler) {
        PreAuthorize rule = handler.getMethodAnnotation(PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        if (rule == null) {
            return List.of();
        }
        List<String> roles = new ArrayList<>();
        Matcher matcher = ROLE.matcher(rule.value());
        while (matcher.find()) {
            roles.add(matcher.group(1));
        }
        return roles;
    }
}
