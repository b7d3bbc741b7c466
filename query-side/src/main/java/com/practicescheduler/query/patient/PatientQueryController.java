package com.practicescheduler.query.patient;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Patients")
@RestController
@RequestMapping("/api/v1/patients")
class PatientQueryController {

    private final PatientProjection patients;
    private final AuditLog audit;

    PatientQueryController(PatientProjection patients, AuditLog audit) {
        this.patients = patients;
        this.audit = audit;
    }

    @Operation(operationId = "getPatient", summary = "Read a patient")
    @GetMapping("/{patientId}")
    @PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER')")
    PatientProjection.PatientView patient(Actor actor, @PathVariable String patientId) {
        PatientProjection.PatientView patient = patients.patient(actor.practiceId(), patientId)
                .orElseThrow(() -> Refusal.notFound("Patient " + patientId));
        if (actor.limitedToOwnProvider()
                && (actor.providerId() == null || !patients.isPatientOf(patientId, actor.providerId()))) {
            throw new Refusal(ErrorCode.FORBIDDEN, "Not a patient of yours");
        }
        audit.read(actor, "ReadPatient", "Patient", patientId, List.of(patientId));
        return patient;
    }
}
