package com.practicescheduler.query.appointment;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.fhir.FhirAccess;
import com.practicescheduler.platform.fhir.FhirPages;
import com.practicescheduler.platform.fhir.FhirDates;
import com.practicescheduler.platform.fhir.FhirMapping;
import com.practicescheduler.platform.fhir.FhirResources;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.security.Role;
import com.practicescheduler.query.practice.PracticeProjection;
import com.practicescheduler.query.provider.ProviderProjection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * FHIR {@code Appointment}: read, and search by {@code patient}, {@code actor} (a practitioner or a patient),
 * {@code date} ({@code ge}/{@code le}...) and {@code status} (FHIR codes). PHI reads, audited as the REST
 * appointment read ({@code ReadAppointment}) and calendar ({@code ReadCalendar}) are, by the same roles; a
 * clinician sees only their own appointments. A search names a window of at most {@value #MAX_DAYS} days (default:
 * {@value #DEFAULT_DAYS} days from today), except a patient's, which without {@code date} spans all their
 * appointments; at most {@value #MAX_RESULTS} match, or the search is refused as too wide.
 */
@Component
public class AppointmentFhir implements FhirResources {

    static final int MAX_DAYS = 92;
    static final int DEFAULT_DAYS = 31;
    static final int MAX_RESULTS = 1000;
    private static final Role[] READERS = {Role.SCHEDULER, Role.CLINICIAN, Role.PRACTICE_ADMIN,
            Role.COMPLIANCE_OFFICER};

    private final AppointmentProjection appointments;
    private final PracticeProjection practices;
    private final ProviderProjection providers;
    private final AuditLog audit;
    private final Clock clock;

    AppointmentFhir(AppointmentProjection appointments, PracticeProjection practices, ProviderProjection providers,
                    AuditLog audit, Clock clock) {
        this.appointments = appointments;
        this.practices = practices;
        this.providers = providers;
        this.audit = audit;
        this.clock = clock;
    }

    @Read(type = Appointment.class)
    public Appointment read(@IdParam IdType id) {
        Actor actor = FhirAccess.require(READERS);
        AppointmentProjection.AppointmentView view = appointments.appointment(actor.practiceId(), id.getIdPart())
                .orElseThrow(() -> Refusal.notFound("Appointment " + id.getIdPart()));
        if (actor.limitedToOwnProvider() && !view.providerId().equals(actor.providerId())) {
            throw new Refusal(ErrorCode.FORBIDDEN, "This is another provider's appointment");
        }
        audit.read(actor, "ReadAppointment", "Appointment", view.id(), List.of(view.patientId()));
        return resources(actor, List.of(view)).get(0);
    }

    @Search(type = Appointment.class)
    public IBundleProvider search(@OptionalParam(name = Appointment.SP_PATIENT) ReferenceParam patientParam,
                                    @OptionalParam(name = Appointment.SP_ACTOR) ReferenceParam actorParam,
                                    @OptionalParam(name = Appointment.SP_DATE) DateRangeParam date,
                                    @OptionalParam(name = Appointment.SP_STATUS) TokenOrListParam status,
                                    @Offset Integer offset, @Count Integer count) {
        Actor actor = FhirAccess.require(READERS);
        String patientId = patientParam == null ? null : FhirMapping.referenced("patient", patientParam, "Patient");
        String providerId = null;
        if (actorParam != null) {
            if ("Patient".equals(actorParam.getResourceType())) {
                String other = FhirMapping.referenced("actor", actorParam, "Patient");
                if (patientId != null && !patientId.equals(other)) {
                    return FhirPages.page(List.of(), offset, count);
                }
                patientId = other;
            } else {
                providerId = FhirMapping.referenced("actor", actorParam, "Practitioner");
            }
        }
        if (providerId != null) {
            providers.require(actor.practiceId(), providerId);
            if (actor.limitedToOwnProvider() && !providerId.equals(actor.providerId())) {
                throw new Refusal(ErrorCode.FORBIDDEN, "Clinicians see only their own calendar");
            }
        } else if (actor.limitedToOwnProvider()) {
            providerId = actor.providerId() == null ? "" : actor.providerId();
        }
        ZoneId zone = ZoneId.of(practices.settings(actor.practiceId()).timeZone());
        FhirDates.Window window;
        if (patientId != null && date == null) {
            window = new FhirDates.Window(Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-01-01T00:00:00Z"));
        } else {
            Instant today = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant();
            window = FhirDates.window("date", date, zone, today, Duration.ofDays(DEFAULT_DAYS),
                    patientId != null ? Duration.ofDays(3660) : Duration.ofDays(MAX_DAYS));
        }
        Set<AppointmentStatus> statuses = statuses(status);
        List<AppointmentProjection.AppointmentView> found = appointments.search(actor.practiceId(), providerId,
                patientId, window.from(), window.to(), statuses, MAX_RESULTS + 1);
        if (found.size() > MAX_RESULTS) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "More than " + MAX_RESULTS + " appointments match: narrow the date range");
        }
        List<String> patientsSeen = new ArrayList<>(patientId == null ? List.of() : List.of(patientId));
        found.forEach(a -> patientsSeen.add(a.patientId()));
        audit.read(actor, "ReadCalendar", providerId != null ? "ProviderCalendar"
                : patientId != null ? "PatientCalendar" : "PracticeCalendar",
                providerId != null ? providerId : patientId, patientsSeen);
        return FhirPages.page(resources(actor, found), offset, count);
    }

    private static Set<AppointmentStatus> statuses(TokenOrListParam status) {
        if (status == null || status.getValuesAsQueryTokens().isEmpty()) {
            return null;
        }
        Set<AppointmentStatus> statuses = EnumSet.noneOf(AppointmentStatus.class);
        for (TokenParam token : status.getValuesAsQueryTokens()) {
            if (token.getModifier() != null) {
                throw new Refusal(ErrorCode.VALIDATION_FAILED, "status: modifiers are not supported");
            }
            statuses.addAll(FhirMapping.statuses(token.getValue()));
        }
        return statuses;
    }

    private List<Appointment> resources(Actor actor, List<AppointmentProjection.AppointmentView> views) {
        ZoneId zone = ZoneId.of(practices.settings(actor.practiceId()).timeZone());
        Map<String, String> serviceNames = practices.services(actor.practiceId()).stream()
                .collect(Collectors.toMap(PracticeProjection.ServiceView::id, PracticeProjection.ServiceView::name));
        return views.stream().map(v -> FhirMapping.appointment(new FhirMapping.AppointmentFacts(v.id(),
                v.patientId(), v.providerId(), v.serviceId(), serviceNames.get(v.serviceId()), v.start(), v.end(),
                v.status(), v.seriesId(), v.groupSessionId()), zone)).toList();
    }
}
