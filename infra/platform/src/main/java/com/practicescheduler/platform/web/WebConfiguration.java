package com.practicescheduler.platform.web;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${practice-scheduler.http.max-body-bytes:65536}") long limit, ObjectMapper mapper) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(limit, mapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Every JSON answer written whole, with its length, instead of chunked ({@link WholeJsonConverter}). */
    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper mapper) {
        return new WholeJsonConverter(mapper);
    }

    /** Refuses control characters, NUL and unpaired surrogates in every JSON string a client sends. */
    @Bean
    Module safeText() {
        return SafeText.module();
    }

    /**
     * Spring Security's firewall refuses requests it cannot trust (a non-ASCII header value, an encoded slash or
     * NUL in the path): {@code 400 validation-failed} as a problem, never a 500.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper mapper) {
        return (request, response, rejected) -> Problems.write(response, mapper, Problems.validationFailed(
                "The request was refused: its path or a header holds characters that are not allowed", List.of()));
    }

    /** What Tomcat refuses before any servlet runs is answered as a problem too, never as an HTML page. */
    @Bean
    ContainerProblems containerProblems(ObjectMapper mapper) {
        return new ContainerProblems(mapper);
    }

    /**
     * An {@code Accept} header that does not parse counts as none: the answer, a problem above all, is written as
     * JSON. Refusing it instead left no format to write the refusal in, and a 404 went out with an empty body.
     */
    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(new HeaderContentNegotiationStrategy() {
            @Override
            public List<MediaType> resolveMediaTypes(NativeWebRequest request)
                    throws HttpMediaTypeNotAcceptableException {
                try {
                    return super.resolveMediaTypes(request);
                } catch (HttpMediaTypeNotAcceptableException unparsable) {
                    return MEDIA_TYPE_ALL_LIST;
                }
            }
        }));
    }

    /**
     * JSON only. Spring adds body converters for YAML, Smile, CBOR and XML when their Jackson formats are on the class
     * path (YAML is, through springdoc); they read with mappers of their own, without {@link SafeText}, so NUL
     * written as YAML reached the events. A body in any of those formats is refused: {@code 415}.
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(converter -> converter instanceof AbstractJackson2HttpMessageConverter
                && !(converter instanceof MappingJackson2HttpMessageConverter));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PathIds()).addPathPatterns("/api/**");
        registry.addInterceptor(new QueryParameters());
    }
}
