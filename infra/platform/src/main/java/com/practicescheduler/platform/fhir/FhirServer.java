package com.practicescheduler.platform.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import com.practicescheduler.platform.web.Problems;
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
 * ({@code 415}) before HAPI parses it.
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
        super.service(new JsonOnly(request), response);
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

        private final Map<String, String[]> parameters;

        JsonOnly(HttpServletRequest request) {
            super(request);
            Map<String, String[]> kept = new LinkedHashMap<>(request.getParameterMap());
            kept.remove("_format");
            kept.remove("_pretty");
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
