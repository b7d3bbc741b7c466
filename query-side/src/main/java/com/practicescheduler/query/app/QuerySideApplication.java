package com.practicescheduler.query.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.ComponentScan;

/** Runs only the query side; configuration in {@code query-side.yml}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"com.practicescheduler.platform", "com.practicescheduler.query"})
public class QuerySideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.config.name=query-side")
                .run(args);
    }
}
