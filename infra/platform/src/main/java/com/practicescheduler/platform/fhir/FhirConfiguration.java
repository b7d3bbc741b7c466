package com.practicescheduler.platform.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.server.ETagSupportEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import com.practicescheduler.platform.audit.AuditLog;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR R4 servlet at {@code /fhir/r4/*}: HAPI's plain RESTful server with every {@link FhirResources} bean of
 * this process, JSON ({@code application/fhir+json}) by default, refusals as {@code OperationOutcome}s
 * ({@link FhirErrors}). No logging interceptor: HAPI logs no request or body of ours.
 */
@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

    static final String PATH = "/fhir/r4";

    @Bean
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4();
        // an element the model does not know, or a value of the wrong form, is refused (400), not skipped
        context.setParserErrorHandler(new StrictErrorHandler());
        return context;
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(FhirContext context, ObjectProvider<FhirResources> resources,
                                                       AuditLog audit) {
        List<FhirResources> providers = resources.orderedStream().toList();
        RestfulServer server = new FhirServer(context);
        server.setServerName("Practice Scheduler");
        server.setImplementationDescription("Practice Scheduler FHIR R4 (docs/adr/0018-fhir-mapping.md)");
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPrettyPrint(false);
        server.setDefaultPreferReturn(PreferReturnEnum.REPRESENTATION);
        server.setETagSupport(ETagSupportEnum.DISABLED);
        server.registerProviders(List.copyOf(providers));
        server.registerInterceptor(new FhirErrors(audit));
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, PATH + "/*");
        registration.setName("fhirR4");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
