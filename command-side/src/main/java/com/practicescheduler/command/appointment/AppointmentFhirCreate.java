package com.practicescheduler.command.appointment;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import com.practicescheduler.api.appointment.AppointmentSummary;
import com.practicescheduler.api.appointment.BookAppointmentCommand;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.command.practice.PracticeTerms;
import com.practicescheduler.command.practice.ServiceTerms;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.fhir.FhirAccess;
import com.practicescheduler.platform.fhir.FhirMapping;
import com.practicescheduler.platform.fhir.FhirResources;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.security.Role;
import com.practicescheduler.platform.web.SafeText;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/r4/Appointment}: books through the same command as {@code POST /api/v1/appointments}
 * ({@link CommandSender}: same rules, refusals, audit and {@code Idempotency-Key}), by the same roles. The body is an
 * {@code Appointment} with status {@code booked}, one {@code Patient} and one {@code Practitioner} participant, and
 * either a {@code slot} reference (a slot id names provider, service and start) or {@code start} (and optionally
 * {@code end}, which must be the start plus the service's length) with a {@code serviceType} coding naming the
 * service. Answers 201 with the booked {@code Appointment} and its {@code Location}.
 */
@Component
public class AppointmentFhirCreate implements FhirResources {

    private final CommandSender commands;
    private final PracticeDirectory practices;

    AppointmentFhirCreate(CommandSender commands, PracticeDirectory practices) {
        this.commands = commands;
        this.practices = practices;
    }

    @Create(type = Appointment.class)
    public MethodOutcome create(@ResourceParam Appointment appointment, HttpServletRequest request) {
        Actor actor = FhirAccess.require(Role.SCHEDULER, Role.PRACTICE_ADMIN);
        if (appointment == null) {
            throw invalid("the body must be an Appointment");
        }
        if (appointment.getStatus() != Appointment.AppointmentStatus.BOOKED) {
            throw invalid("status: must be booked");
        }
        String patientId = null;
        String providerId = null;
        for (Appointment.AppointmentParticipantComponent participant : appointment.getParticipant()) {
            Reference actorReference = participant.getActor();
            IdType id = actorReference == null ? null : new IdType(actorReference.getReference());
            String type = id == null ? null : id.getResourceType();
            if ("Patient".equals(type) && patientId == null) {
                patientId = id(id, "participant.actor");
            } else if ("Practitioner".equals(type) && providerId == null) {
                providerId = id(id, "participant.actor");
            } else {
                throw invalid("participant: exactly one Patient and one Practitioner actor, as references");
            }
        }
        if (patientId == null || providerId == null) {
            throw invalid("participant: exactly one Patient and one Practitioner actor, as references");
        }
        PracticeTerms terms = practices.terms(actor.practiceId());
        String serviceId;
        Instant start;
        if (appointment.hasSlot()) {
            if (appointment.getSlot().size() > 1) {
                throw invalid("slot: at most one");
            }
            IdType slotId = new IdType(appointment.getSlotFirstRep().getReference());
            FhirMapping.SlotKey slot = "Slot".equals(slotId.getResourceType())
                    ? FhirMapping.SlotKey.parse(slotId.getIdPart()).orElse(null) : null;
            if (slot == null) {
                throw invalid("slot: not a Slot of this server");
            }
            if (!slot.providerId().equals(providerId)) {
                throw invalid("slot: the slot is another practitioner's");
            }
            serviceId = slot.serviceId();
            start = slot.start();
            String named = serviceId(appointment);
            if (named != null && !named.equals(serviceId)) {
                throw invalid("serviceType: the slot is for another service");
            }
            if (appointment.hasStart() && !appointment.getStart().toInstant().equals(start)) {
                throw invalid("start: the slot starts at another time");
            }
        } else {
            if (!appointment.hasStart()) {
                throw invalid("start: required without a slot");
            }
            start = appointment.getStart().toInstant();
            serviceId = serviceId(appointment);
            if (serviceId == null) {
                throw invalid("serviceType: a coding of " + FhirMapping.SERVICE_SYSTEM
                        + " naming the service is required without a slot");
            }
        }
        ServiceTerms service = terms.service(serviceId);
        if (appointment.hasEnd()) {
            Instant end = appointment.getEnd().toInstant();
            if (!end.isAfter(start)) {
                throw invalid("end: must be after start");
            }
            if (!end.equals(start.plus(service.duration()))) {
                throw invalid("end: the service lasts " + service.durationMinutes() + " minutes");
            }
        }
        String idempotencyKey = request.getHeader("Idempotency-Key");
        String appointmentId = AppointmentCommandController.appointmentId(actor.practiceId(), idempotencyKey);
        String fingerprint = idempotencyKey == null ? null : AppointmentCommandController.fingerprint(
                new AppointmentCommandController.BookingRequest(patientId, providerId, serviceId,
                        start.atOffset(ZoneOffset.UTC)));
        AppointmentSummary booked = commands.send(new BookAppointmentCommand(appointmentId, actor.practiceId(),
                patientId, providerId, serviceId, start, fingerprint));
        Appointment created = FhirMapping.appointment(new FhirMapping.AppointmentFacts(booked.appointmentId(),
                booked.patientId(), booked.providerId(), booked.serviceId(), service.name(), booked.start(),
                booked.end(), booked.status(), null, null), terms.zone());
        MethodOutcome outcome = new MethodOutcome(new IdType("Appointment", booked.appointmentId()), true);
        outcome.setResource(created);
        return outcome;
    }

    /** The service a {@code serviceType} coding names, or null when there is none. */
    private static String serviceId(Appointment appointment) {
        List<String> named = new ArrayList<>();
        for (CodeableConcept concept : appointment.getServiceType()) {
            for (Coding coding : concept.getCoding()) {
                if (FhirMapping.SERVICE_SYSTEM.equals(coding.getSystem()) && coding.hasCode()) {
                    named.add(coding.getCode());
                }
            }
        }
        if (named.size() > 1) {
            throw invalid("serviceType: name one service");
        }
        if (!named.isEmpty() && (named.get(0).length() > 64 || SafeText.problem(named.get(0)) != null)) {
            throw invalid("serviceType: not a service id");
        }
        return named.isEmpty() ? null : named.get(0);
    }

    private static String id(IdType id, String field) {
        String part = id.getIdPart();
        if (part == null || part.isBlank() || part.length() > 64 || SafeText.problem(part) != null) {
            throw invalid(field + ": must reference an id");
        }
        return part;
    }

    private static Refusal invalid(String detail) {
        return new Refusal(ErrorCode.VALIDATION_FAILED, detail);
    }
}
