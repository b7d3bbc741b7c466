package com.practicescheduler.query.appointment;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.query.practice.PracticeProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** One appointment, as staff read it: a PHI read, audited. */
@Tag(name = "Appointments")
@RestController
@RequestMapping("/api/v1/appointments")
@PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER')")
class AppointmentQueryController {

    private final PracticeProjection practices;
    private final AppointmentProjection appointments;
    private final AuditLog audit;

    AppointmentQueryController(PracticeProjection practices, AppointmentProjection appointments, AuditLog audit) {
        this.practices = practices;
        this.appointments = appointments;
        this.audit = audit;
    }

    @Operation(operationId = "getAppointment", summary = "Read an appointment")
    @GetMapping("/{appointmentId}")
    AppointmentDetail appointment(Actor actor, @PathVariable String appointmentId) {
        AppointmentProjection.AppointmentView view = appointments.appointment(actor.practiceId(), appointmentId)
                .orElseThrow(() -> Refusal.notFound("Appointment " + appointmentId));
        if (actor.limitedToOwnProvider() && !view.providerId().equals(actor.providerId())) {
            throw new Refusal(ErrorCode.FORBIDDEN, "This is another provider's appointment");
        }
        audit.read(actor, "ReadAppointment", "Appointment", appointmentId, List.of(view.patientId()));
        return AppointmentDetail.of(view, practices.settings(actor.practiceId()).timeZone());
    }
}
