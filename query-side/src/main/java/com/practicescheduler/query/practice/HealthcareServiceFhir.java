package com.practicescheduler.query.practice;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.fhir.FhirAccess;
import com.practicescheduler.platform.fhir.FhirPages;
import com.practicescheduler.platform.fhir.FhirMapping;
import com.practicescheduler.platform.fhir.FhirResources;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.security.Role;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * FHIR {@code HealthcareService}: a service of the practice, {@code HealthcareService/<serviceId>}, its
 * {@code type} the same coding slots and appointments carry as {@code serviceType}. Readable by every role, like
 * {@code GET /api/v1/services}.
 */
@Component
public class HealthcareServiceFhir implements FhirResources {

    private final PracticeProjection practices;

    HealthcareServiceFhir(PracticeProjection practices) {
        this.practices = practices;
    }

    @Read(type = HealthcareService.class)
    public HealthcareService read(@IdParam IdType id) {
        Actor actor = FhirAccess.require(Role.values());
        return of(practices.service(actor.practiceId(), id.getIdPart())
                .orElseThrow(() -> Refusal.notFound("HealthcareService " + id.getIdPart())));
    }

    @Search(type = HealthcareService.class)
    public IBundleProvider all(@Offset Integer offset, @Count Integer count) {
        Actor actor = FhirAccess.require(Role.values());
        return FhirPages.page(practices.services(actor.practiceId()).stream().map(HealthcareServiceFhir::of)
                .toList(), offset, count);
    }

    private static HealthcareService of(PracticeProjection.ServiceView service) {
        HealthcareService resource = new HealthcareService();
        resource.setId(new IdType("HealthcareService", service.id()));
        resource.setActive(true);
        resource.setName(service.name());
        resource.addType(FhirMapping.serviceType(service.id(), service.name()));
        resource.setAppointmentRequired(true);
        resource.setComment(service.durationMinutes() + " minutes, then a " + service.bufferMinutes()
                + "-minute buffer; " + service.modality().name().toLowerCase().replace('_', ' ')
                + (service.group() ? "; a group of up to " + service.capacity() : ""));
        return resource;
    }
}
