package com.practicescheduler.query.practice;

import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The practice's service catalogue as every role reads it. */
@Tag(name = "Practice")
@RestController
@RequestMapping("/api/v1/services")
@PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER','ANALYST')")
class ServiceQueryController {

    private final PracticeProjection practices;

    ServiceQueryController(PracticeProjection practices) {
        this.practices = practices;
    }

    record Services(List<PracticeProjection.ServiceView> services) {
    }

    @Operation(operationId = "listServices", summary = "List the services")
    @GetMapping
    Services services(Actor actor) {
        return new Services(practices.services(actor.practiceId()));
    }

    @Operation(operationId = "getService", summary = "Read a service")
    @GetMapping("/{serviceId}")
    PracticeProjection.ServiceView service(Actor actor, @PathVariable String serviceId) {
        return practices.service(actor.practiceId(), serviceId)
                .orElseThrow(() -> Refusal.notFound("Service " + serviceId));
    }
}
