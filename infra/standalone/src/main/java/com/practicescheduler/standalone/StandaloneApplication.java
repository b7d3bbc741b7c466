package com.practicescheduler.standalone;

import java.util.Arrays;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Both sides in one JVM (port 8080), on an embedded PostgreSQL kept in {@code ./data} unless
 * {@code spring.datasource.url} is set. {@code token ...} as first argument mints a development token instead.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"com.practicescheduler.platform", "com.practicescheduler.command",
        "com.practicescheduler.query"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
                pattern = "com\\.practicescheduler\\.(command|query)\\.app\\..*"))
public class StandaloneApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        new SpringApplicationBuilder(StandaloneApplication.class).run(args);
    }
}
