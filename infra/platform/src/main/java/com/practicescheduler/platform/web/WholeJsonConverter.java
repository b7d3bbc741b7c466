package com.practicescheduler.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Spring's JSON converter, writing each answer whole with its {@code Content-Length}. Spring's own flushes the
 * stream while the length is still unknown, so Tomcat sent every JSON answer chunked: its head and body in one
 * write, the closing chunk in a second (each write a system call, and on the benchmark's machine a costly one). The
 * JSON is the same, as Jackson writes it.
 */
final class WholeJsonConverter extends MappingJackson2HttpMessageConverter {

    WholeJsonConverter(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    protected void writeInternal(Object object, Type type, HttpOutputMessage outputMessage) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        super.writeInternal(object, type, new HttpOutputMessage() {
            @Override
            public OutputStream getBody() {
                return body;
            }

            @Override
            public HttpHeaders getHeaders() {
                return outputMessage.getHeaders();
            }
        });
        outputMessage.getHeaders().setContentLength(body.size());
        body.writeTo(outputMessage.getBody());
    }
}
