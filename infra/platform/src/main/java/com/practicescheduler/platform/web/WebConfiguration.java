package com.practicescheduler.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.ser.LocalTimeSerializer;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** Local times as the contract writes them: "09:00" (seconds only when there are any). */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer localTimesWithoutZeroSeconds() {
        return builder -> builder.serializerByType(LocalTime.class, new LocalTimeSerializer(
                DateTimeFormatter.ofPattern("HH:mm[:ss]")) {
            @Override
            public void serialize(LocalTime value, com.fasterxml.jackson.core.JsonGenerator generator,
                                  com.fasterxml.jackson.databind.SerializerProvider provider)
                    throws java.io.IOException {
                generator.writeString(value.getSecond() == 0 && value.getNano() == 0
                        ? value.format(DateTimeFormatter.ofPattern("HH:mm")) : value.toString());
            }
        });
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${practice-scheduler.http.max-body-bytes:65536}") long limit, ObjectMapper mapper) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(limit, mapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
