package com.practicescheduler.query.patient;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.fhir.FhirAccess;
import com.practicescheduler.platform.fhir.FhirResources;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.security.Role;
import java.util.List;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * FHIR {@code Patient/<patientId>}: name, date of birth, email and phone. A PHI read, audited as
 * {@code GET /api/v1/patients/{id}} is ({@code ReadPatient}), by the same roles; a clinician reads only their own
 * patients.
 */
@Component
public class PatientFhir implements FhirResources {

    private final PatientProjection patients;
    private final AuditLog audit;

    PatientFhir(PatientProjection patients, AuditLog audit) {
        this.patients = patients;
        this.audit = audit;
    }

    @Read(type = Patient.class)
    public Patient read(@IdParam IdType id) {
        Actor actor = FhirAccess.require(Role.SCHEDULER, Role.CLINICIAN, Role.PRACTICE_ADMIN,
                Role.COMPLIANCE_OFFICER);
        String patientId = id.getIdPart();
        PatientProjection.PatientView view = patients.patient(actor.practiceId(), patientId)
                .orElseThrow(() -> Refusal.notFound("Patient " + patientId));
        if (actor.limitedToOwnProvider()
                && (actor.providerId() == null || !patients.isPatientOf(patientId, actor.providerId()))) {
            throw new Refusal(ErrorCode.FORBIDDEN, "Not a patient of yours");
        }
        audit.read(actor, "ReadPatient", "Patient", patientId, List.of(patientId));
        Patient patient = new Patient();
        patient.setId(new IdType("Patient", view.id()));
        patient.setActive(true);
        patient.addName().setUse(org.hl7.fhir.r4.model.HumanName.NameUse.OFFICIAL)
                .setFamily(view.lastName()).addGiven(view.firstName());
        if (view.dateOfBirth() != null) {
            patient.setBirthDateElement(new DateType(view.dateOfBirth().toString()));
        }
        if (view.email() != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(view.email());
        }
        if (view.phone() != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(view.phone());
        }
        return patient;
    }
}
