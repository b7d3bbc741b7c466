package com.practicescheduler.platform.openapi;

import com.practicescheduler.api.Nullable;
import com.practicescheduler.platform.security.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code /v3/api-docs} publishes beyond what springdoc reads from the controllers: the bearer scheme, the
 * problem schema and responses ({@link ContractOperations}), and nullable record components.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // the acting user comes from the bearer token (ActorArgumentResolver), never from a request parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Bean
    OpenAPI practiceSchedulerApi() {
        return new OpenAPI()
                .info(new Info().title("Practice Scheduler").version("v1")
                        .description("Scheduling and waitlist for mental- and behavioral-health practices. Every "
                                + "/api request carries a bearer JWT; refusals are RFC 9457 problems "
                                + "(application/problem+json) whose type is /problems/<slug>."))
                // relative: the document describes the server that publishes it
                .servers(List.of(new Server().url("/").description("This server")))
                .components(new Components()
                        .addSecuritySchemes(ContractOperations.BEARER, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("RS256-signed JWT with sub, roles and practice_id (provider_id for a "
                                        + "clinician); exp and nbf are checked."))
                        .addSchemas("Problem", ProblemSchemas.problem())
                        .addSchemas("FieldError", ProblemSchemas.fieldError())
                        .responses(ProblemSchemas.commonResponses()));
    }

    @Bean
    OperationCustomizer contractOperations() {
        return new ContractOperations();
    }

    /** A record component marked {@link Nullable} may be null: its schema admits {@code null}. */
    @Bean
    PropertyCustomizer nullableProperties() {
        return (property, type) -> {
            boolean nullable = type.getCtxAnnotations() != null && Arrays.stream(type.getCtxAnnotations())
                    .anyMatch(Nullable.class::isInstance);
            if (nullable && property != null && property.get$ref() == null) {
                admitNull(property);
            }
            return property;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void admitNull(Schema property) {
        if (property.getTypes() != null && !property.getTypes().isEmpty()) {
            property.addType("null");
        } else if (property.getType() != null) {
            property.addType(property.getType());
            property.addType("null");
        }
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            property.addEnumItemObject(null);
        }
    }
}
