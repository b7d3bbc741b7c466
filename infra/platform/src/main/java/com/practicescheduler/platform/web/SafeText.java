package com.practicescheduler.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * What text a client may send in a JSON body: every string is refused with {@code 400 validation-failed} (naming
 * the field) when it holds a NUL, another control character than tab, line feed and carriage return, or half of a
 * surrogate pair. Such text would reach an event and then a read model — PostgreSQL refuses NUL in text, and a
 * projection that cannot store an event stops — so it is refused at the edge, before it becomes an event. Lengths
 * are each request's own ({@code @Size}).
 */
public final class SafeText {

    private SafeText() {
    }

    /** The Jackson module for the web's object mapper (never the one that stores events). */
    public static SimpleModule module() {
        return new SimpleModule("safe-text").addDeserializer(String.class, new Deserializer());
    }

    /** Why {@code text} is refused, or null when it is fine. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain NUL characters";
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return "must not contain control characters";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain unpaired surrogates";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain unpaired surrogates";
            }
        }
        return null;
    }

    /** A string field refused for its characters; its message is what the client is told. */
    public static final class RefusedText extends JsonMappingException {

        RefusedText(JsonParser parser, String problem) {
            super(parser, problem);
        }
    }

    private static final class Deserializer extends StdScalarDeserializer<String> {

        Deserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            String problem = text == null ? null : problem(text);
            if (problem != null) {
                throw new RefusedText(parser, problem);
            }
            return text;
        }
    }
}
