package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.platform.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files cannot run here (no Docker), so they are checked as far as parsing allows: well-formed,
 * files they mount exist, every environment variable they give the applications names a property the
 * applications read, the identity provider issues the claims and roles the applications expect, and the probes
 * and scrapes point at what the applications serve.
 */
class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    /** Environment variables that are no Spring properties. */
    private static final Set<String> NOT_PROPERTIES = Set.of("JAVA_TOOL_OPTIONS", "TZ");
    private static Set<String> properties;
    private static Set<String> mapProperties;

    @BeforeAll
    static void knownProperties() throws IOException {
        properties = new HashSet<>();
        mapProperties = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String name : List.of("META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json")) {
            Enumeration<URL> resources = DeploymentFilesTest.class.getClassLoader().getResources(name);
            while (resources.hasMoreElements()) {
                try (InputStream in = resources.nextElement().openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String key = property.path("name").asText();
                        properties.addAll(environmentNames(key));
                        if (property.path("type").asText().startsWith("java.util.Map")) {
                            mapProperties.addAll(environmentNames(key));
                        }
                    }
                }
            }
        }
        for (String file : List.of("platform.yml", "platform-axonserver.yml", "command-side.yml", "query-side.yml",
                "application.yml")) {
            try (InputStream in = DeploymentFilesTest.class.getClassLoader().getResourceAsStream(file)) {
                flatten("", new Yaml().load(in), properties);
            }
        }
    }

    @Test
    void everyFileParses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(8);
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                List<Object> documents = new ArrayList<>();
                new Yaml().loadAll(Files.readString(file)).forEach(documents::add);
                assertThat(documents).as(file.toString()).isNotEmpty().doesNotContainNull();
            } else if (name.endsWith(".json")) {
                assertThat(new ObjectMapper().readTree(file.toFile()).isObject()).as(file.toString()).isTrue();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsEverythingAndGivesTheSidesOnlyPropertiesTheyRead() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose/compose.yaml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("postgres", "axonserver", "keycloak", "command-side", "query-side",
                "prometheus", "grafana");
        // offer links and calendar feeds (both sides write them) point at the port the query side publishes
        String querySidePort = ((List<Object>) services.get("query-side").get("ports")).get(0).toString()
                .split(":")[0];
        for (String side : List.of("command-side", "query-side")) {
            Map<String, Object> environment = (Map<String, Object>) services.get(side).get("environment");
            assertThat(environment).containsKeys("SPRING_DATASOURCE_URL", "AXON_AXONSERVER_SERVERS")
                    .containsEntry("SPRING_PROFILES_ACTIVE", "axonserver")
                    .containsEntry("PRACTICE_SCHEDULER_PUBLIC_BASE_URL", "http://localhost:" + querySidePort);
            environment.keySet().forEach(DeploymentFilesTest::assertIsAProperty);
        }
        for (Map<String, Object> service : services.values()) {
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(DEPLOY.resolve("compose").resolve(source)).as(source).exists();
                }
            }
        }
        assertThat(DEPLOY.resolve("compose").resolve("../../..").resolve("infra/deploy/Dockerfile")).exists();
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesProbesPortsAndConfigurationMatchTheApplications() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(DEPLOY.resolve("kubernetes/config.yaml")));
        ((Map<String, Object>) config.get("data")).keySet().forEach(DeploymentFilesTest::assertIsAProperty);
        assertThat((Map<String, Object>) config.get("data")).doesNotContainKeys("SPRING_DATASOURCE_PASSWORD")
                .containsEntry("SPRING_PROFILES_ACTIVE", "axonserver")
                .containsKey("PRACTICE_SCHEDULER_PUBLIC_BASE_URL");
        for (Map.Entry<String, Integer> side : Map.of("command-side", 8081, "query-side", 8082).entrySet()) {
            List<Map<String, Object>> documents = new ArrayList<>();
            new Yaml().loadAll(Files.readString(DEPLOY.resolve("kubernetes/" + side.getKey() + ".yaml")))
                    .forEach(document -> documents.add((Map<String, Object>) document));
            Map<String, Object> deployment = documents.stream().filter(d -> d.get("kind").equals("Deployment"))
                    .findFirst().orElseThrow();
            Map<String, Object> container = ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
                    ((Map<String, Object>) deployment.get("spec")).get("template")).get("spec")).get("containers"))
                    .get(0);
            assertThat(((List<Map<String, Object>>) container.get("ports")).get(0).get("containerPort"))
                    .isEqualTo(side.getValue());
            assertThat(path(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
            assertThat(path(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
            assertThat((Map<String, Object>) container.get("resources")).containsKeys("requests", "limits");
            for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("env")) {
                assertIsAProperty((String) variable.get("name"));
                assertThat(variable).as("secrets by reference").containsKey("valueFrom").doesNotContainKey("value");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRealmIssuesTheClaimsAndRolesTheApplicationsRead() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(DEPLOY.resolve("keycloak/realm-practice.json").toFile());
        List<String> roles = new ArrayList<>();
        realm.path("roles").path("realm").forEach(role -> roles.add(role.path("name").asText()));
        assertThat(roles).containsExactlyInAnyOrderElementsOf(Arrays.stream(Role.values()).map(Enum::name).toList());
        List<String> claims = new ArrayList<>();
        realm.path("clients").get(0).path("protocolMappers")
                .forEach(mapper -> claims.add(mapper.path("config").path("claim.name").asText()));
        assertThat(claims).contains("practice_id", "provider_id", "roles");
        realm.path("users").forEach(user -> {
            assertThat(user.path("attributes").path("practice_id").get(0).asText()).isNotBlank();
            assertThat(roles).contains(user.path("realmRoles").get(0).asText());
        });
        Map<String, Object> prometheus = new Yaml().load(Files.readString(DEPLOY.resolve("prometheus/prometheus.yml")));
        assertThat(prometheus.toString()).contains("command-side:8081", "query-side:8082", "/actuator/prometheus");
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/practice-scheduler.json")
                .toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> expressions.add(panel.path("targets").get(0).path("expr").asText()));
        assertThat(String.join(" ", expressions)).contains("http_server_requests_seconds_bucket",
                "practice_scheduler_commands_total", "practice_scheduler_processor_lag_events",
                "practice_scheduler_waitlist_offers");
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> container, String probe) {
        return ((Map<String, Object>) ((Map<String, Object>) container.get(probe)).get("httpGet")).get("path");
    }

    /** {@code SPRING_DATASOURCE_URL} binds to {@code spring.datasource.url} — if the applications know it. */
    private static void assertIsAProperty(String variable) {
        if (NOT_PROPERTIES.contains(variable)) {
            return;
        }
        boolean known = properties.contains(variable)
                || mapProperties.stream().anyMatch(map -> variable.startsWith(map + "_"));
        assertThat(known).as(variable + " names a property the applications read").isTrue();
    }

    /** The environment variables Spring Boot binds to {@code property}: dashes dropped, or (legacy) underscored. */
    private static List<String> environmentNames(String property) {
        String upper = property.replaceAll("\\[.*?]", "").toUpperCase(Locale.ROOT).replace('.', '_');
        return List.of(upper.replace("-", ""), upper.replace('-', '_'));
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Set<String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, into));
        } else {
            into.addAll(environmentNames(prefix));
        }
    }
}
