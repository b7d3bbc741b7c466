package com.practicescheduler.platform.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import com.practicescheduler.platform.web.PayloadTooLargeException;
import com.practicescheduler.platform.web.Problems;
import com.practicescheduler.platform.web.SafeText;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HAPI's plain RESTful server, speaking JSON only, as api.md promises ({@code application/fhir+json}): every answer
 * is JSON whatever {@code Accept} or {@code _format} asks, and a body that is not JSON in UTF-8 is refused
 * ({@code 415}) before HAPI parses it; so is a query parameter with a NUL, another control character or half a
 * surrogate pair ({@code 400}, the rules of {@link SafeText}). A body of unknown length is read through the size cap
 * here ({@code 413}).
 */
class FhirServer extends RestfulServer {

    FhirServer(FhirContext context) {
        super(context);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !contentType.isBlank() && !isJsonInUtf8(contentType)) {
            FhirOutcomes.write(response, Problems.slug(415), 415,
                    "The body must be application/fhir+json (or application/json) in UTF-8");
            return;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String problem = SafeText.problem(parameter.getKey());
            for (String value : parameter.getValue()) {
                problem = problem != null || value == null ? problem : SafeText.problem(value);
            }
            if (problem != null) {
                // PostgreSQL refuses NUL in text: refused here, as on /api/v1 (QueryParameters)
                FhirOutcomes.write(response, Problems.slug(400), 400, "A query parameter " + problem);
                return;
            }
        }
        byte[] body = null;
        if (request.getContentLengthLong() < 0 && !"GET".equals(request.getMethod())) {
            // a body of unknown length is read here, through the size cap (RequestBodyLimitFilter): HAPI would turn
            // the cap's refusal into a 400 of its own
            try {
                body = request.getInputStream().readAllBytes();
            } catch (PayloadTooLargeException e) {
                FhirOutcomes.write(response, Problems.slug(413), 413, e.getMessage());
                return;
            }
        }
        super.service(new JsonOnly(request, body), response);
    }

    private static boolean isJsonInUtf8(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        String type = parts[0].trim();
        if (!type.equals("application/fhir+json") && !type.equals("application/json")
                && !type.equals("application/json+fhir")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.startsWith("charset=") && !parameter.substring(8).replace("\"", "").trim().equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    /** The request as HAPI sees it: asking for FHIR JSON, with no {@code _format} or {@code _pretty} of its own. */
    private static final class JsonOnly extends HttpServletRequestWrapper {

        private static final java.util.Set<String> IGNORED = java.util.Set.of("_format", "_pretty");

        private final Map<String, String[]> parameters;

        private final byte[] body;

        /** @param body the body already read, or null to read it from the request */
        JsonOnly(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
            Map<String, String[]> kept = new LinkedHashMap<>(request.getParameterMap());
            IGNORED.forEach(kept::remove);
            parameters = Collections.unmodifiableMap(kept);
        }

        @Override
        public String getHeader(String name) {
            return name.equalsIgnoreCase("Accept") ? "application/fhir+json" : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return name.equalsIgnoreCase("Accept") ? Collections.enumeration(java.util.List.of("application/fhir+json"))
                    : super.getHeaders(name);
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                return super.getInputStream();
            }
            java.io.ByteArrayInputStream bytes = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            if (body == null) {
                return super.getReader();
            }
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public String getQueryString() {
            String query = super.getQueryString();
            if (query == null) {
                return null;
            }
            String kept = java.util.Arrays.stream(query.split("&"))
                    .filter(pair -> !IGNORED.contains(decode(pair.split("=", 2)[0])))
                    .collect(java.util.stream.Collectors.joining("&"));
            return kept.isEmpty() ? null : kept;
        }

        private static String decode(String name) {
            try {
                return java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return name;
            }
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }
    }
}
