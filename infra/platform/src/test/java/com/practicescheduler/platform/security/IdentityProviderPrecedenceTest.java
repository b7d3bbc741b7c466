package com.practicescheduler.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/** The standard Spring Boot JWT properties always win over the generated development key pair. */
class IdentityProviderPrecedenceTest {

    @TempDir
    Path dataDir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(DevelopmentKeysOnly.class);

    @Test
    void withoutAnIdentityProviderTheDevelopmentKeysAreGeneratedInTheDataDirectory() {
        runner.withPropertyValues("practice-scheduler.data-dir=" + dataDir).run(context -> {
            assertThat(context).hasSingleBean(DevelopmentKeys.class);
            assertThat(Files.exists(dataDir.resolve("keys").resolve(DevelopmentKeys.PRIVATE_KEY_FILE))).isTrue();
        });
    }

    @Test
    void anyStandardJwtPropertyReplacesTheDevelopmentKeys() {
        for (String property : new String[] {"issuer-uri=https://idp.example.org/realms/practice",
                "jwk-set-uri=https://idp.example.org/certs", "public-key-location=classpath:key.pub"}) {
            runner.withPropertyValues("practice-scheduler.data-dir=" + dataDir,
                    "spring.security.oauth2.resourceserver.jwt." + property).run(context -> {
                        assertThat(context).doesNotHaveBean(DevelopmentKeys.class);
                        assertThat(Files.exists(dataDir.resolve("keys"))).isFalse();
                    });
        }
    }

    @Test
    void theApplicationsDevelopmentKeyAndDecoderBeansAreGuardedByThatCondition() throws Exception {
        for (String bean : new String[] {"developmentKeys", "developmentJwtDecoder"}) {
            java.lang.reflect.Method method = java.util.Arrays.stream(
                            SecurityConfiguration.class.getDeclaredMethods())
                    .filter(m -> m.getName().equals(bean)).findFirst().orElseThrow();
            assertThat(method.getAnnotation(Conditional.class).value())
                    .as(bean).containsExactly(NoIdentityProviderCondition.class);
        }
    }

    /**
     * A development-key bean under the same condition {@link SecurityConfiguration} uses. Deliberately not a
     * {@code @Configuration}: this test-jar is on the application's test classpath, where component scanning
     * would pick it up.
     */
    static class DevelopmentKeysOnly {

        @Bean
        @Conditional(NoIdentityProviderCondition.class)
        DevelopmentKeys developmentKeys(org.springframework.core.env.Environment environment) {
            return new SecurityConfiguration().developmentKeys(
                    Path.of(environment.getProperty("practice-scheduler.data-dir")));
        }
    }
}
