package com.practicescheduler.command.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.ComponentScan;

/** Runs only the command side; configuration in {@code command-side.yml}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"com.practicescheduler.platform", "com.practicescheduler.command"})
public class CommandSideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.config.name=command-side")
                .run(args);
    }
}
