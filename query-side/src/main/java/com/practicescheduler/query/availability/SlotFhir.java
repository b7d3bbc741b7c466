package com.practicescheduler.query.availability;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.platform.fhir.FhirAccess;
import com.practicescheduler.platform.fhir.FhirPages;
import com.practicescheduler.platform.fhir.FhirDates;
import com.practicescheduler.platform.fhir.FhirMapping;
import com.practicescheduler.platform.fhir.FhirResources;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.security.Role;
import com.practicescheduler.query.practice.PracticeProjection;
import com.practicescheduler.query.provider.ProviderProjection;
import com.practicescheduler.query.readmodel.OneMoment;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Slot;
import org.springframework.stereotype.Component;

/**
 * FHIR {@code Slot}: the free slots {@code GET /api/v1/availability} computes ({@link FreeSlots}), one per provider,
 * service and start, by the same roles. Search by {@code schedule} ({@code Schedule/<providerId>}), {@code start}
 * ({@code ge}/{@code le}..., a window of at most {@value #MAX_DAYS} days like availability's; default
 * {@value #DEFAULT_DAYS} days from now), {@code status} (only {@code free} slots exist) and {@code service-type}
 * (the service's id, system {@value FhirMapping#SERVICE_SYSTEM}; without it, every one-patient service). A slot's
 * id encodes provider, service and start ({@link FhirMapping.SlotKey}): read, it answers while the slot is still
 * free; booked through {@code POST Appointment} with {@code slot}, it needs no stored state. Group services have no
 * slots here (their sessions are booked as seats, over {@code /api/v1}).
 */
@Component
public class SlotFhir implements FhirResources {

    static final int MAX_DAYS = AvailabilityQueryController.MAX_AVAILABILITY_DAYS;
    static final int DEFAULT_DAYS = 7;
    static final int MAX_RESULTS = 5000;
    private static final Role[] READERS = {Role.SCHEDULER, Role.CLINICIAN, Role.PRACTICE_ADMIN, Role.ANALYST};

    private final PracticeProjection practices;
    private final ProviderProjection providers;
    private final FreeSlots freeSlots;
    private final OneMoment oneMoment;
    private final Clock clock;

    SlotFhir(PracticeProjection practices, ProviderProjection providers, FreeSlots freeSlots, OneMoment oneMoment,
             Clock clock) {
        this.practices = practices;
        this.providers = providers;
        this.freeSlots = freeSlots;
        this.oneMoment = oneMoment;
        this.clock = clock;
    }

    @Read(type = Slot.class)
    public Slot read(@IdParam IdType id) {
        Actor actor = FhirAccess.require(READERS);
        // the practice's zone decides which instants the working hours are: read with the rest, from one moment
        return oneMoment.read(() -> read(actor, id));
    }

    private Slot read(Actor actor, IdType id) {
        Refusal notFound = Refusal.notFound("Slot " + id.getIdPart() + " (or it is no longer free)");
        FhirMapping.SlotKey key = FhirMapping.SlotKey.parse(id.getIdPart()).orElseThrow(() -> notFound);
        PracticeSettings settings = practices.settings(actor.practiceId());
        ZoneId zone = ZoneId.of(settings.timeZone());
        PracticeProjection.ServiceView service = practices.service(actor.practiceId(), key.serviceId())
                .filter(s -> !s.group()).orElseThrow(() -> notFound);
        ProviderProjection.ProviderView provider = providers.provider(actor.practiceId(), key.providerId())
                .filter(p -> p.offers(service.id())).orElseThrow(() -> notFound);
        LocalDate day = key.start().atZone(zone).toLocalDate();
        return freeSlots.slots(settings, service, List.of(provider), day, day).stream()
                .filter(s -> s.start().equals(key.start()))
                .map(s -> slot(s, service, zone))
                .findFirst().orElseThrow(() -> notFound);
    }

    @Search(type = Slot.class)
    public IBundleProvider search(@OptionalParam(name = Slot.SP_SCHEDULE) ReferenceParam schedule,
                             @OptionalParam(name = Slot.SP_START) DateRangeParam start,
                             @OptionalParam(name = Slot.SP_STATUS) TokenParam status,
                             @OptionalParam(name = Slot.SP_SERVICE_TYPE) TokenParam serviceType,
                             @Offset Integer offset, @Count Integer count) {
        Actor actor = FhirAccess.require(READERS);
        return oneMoment.read(() -> search(actor, schedule, start, status, serviceType, offset, count));
    }

    private IBundleProvider search(Actor actor, ReferenceParam schedule, DateRangeParam start, TokenParam status,
                                   TokenParam serviceType, Integer offset, Integer count) {
        PracticeSettings settings = practices.settings(actor.practiceId());
        ZoneId zone = ZoneId.of(settings.timeZone());
        FhirDates.Window window = FhirDates.window("start", start, zone, clock.instant(),
                Duration.ofDays(DEFAULT_DAYS), Duration.ofDays(MAX_DAYS));
        if (status != null && !onlyFree(status)) {
            return FhirPages.page(List.of(), offset, count);
        }
        List<ProviderProjection.ProviderView> candidates = schedule == null
                ? providers.providers(actor.practiceId())
                : List.of(providers.require(actor.practiceId(),
                        FhirMapping.referenced("schedule", schedule, "Schedule")));
        List<PracticeProjection.ServiceView> services = serviceType == null
                ? practices.services(actor.practiceId())
                : practices.service(actor.practiceId(), serviceId(serviceType)).stream().toList();
        LocalDate from = window.from().atZone(zone).toLocalDate();
        LocalDate to = window.to().minusNanos(1).atZone(zone).toLocalDate();
        List<Slot> slots = new ArrayList<>();
        for (PracticeProjection.ServiceView service : services) {
            List<ProviderProjection.ProviderView> offering = candidates.stream()
                    .filter(p -> p.offers(service.id()) && FhirMapping.SlotKey.encodable(p.id())).toList();
            if (service.group() || offering.isEmpty() || !FhirMapping.SlotKey.encodable(service.id())) {
                continue;
            }
            for (AvailabilityCalculator.Slot s : freeSlots.slots(settings, service, offering, from, to)) {
                if (window.contains(s.start())) {
                    slots.add(slot(s, service, zone));
                    if (slots.size() > MAX_RESULTS) {
                        throw new Refusal(ErrorCode.VALIDATION_FAILED,
                                "More than " + MAX_RESULTS + " slots match: narrow the start range or name a schedule");
                    }
                }
            }
        }
        slots.sort(Comparator.comparing(Slot::getStart).thenComparing(s -> s.getIdElement().getIdPart()));
        return FhirPages.page(slots, offset, count);
    }

    private static boolean onlyFree(TokenParam status) {
        String code = status.getValue();
        if (Slot.SlotStatus.FREE.toCode().equals(code)) {
            return true;
        }
        try {
            if (code != null && Slot.SlotStatus.fromCode(code) != null) {
                return false;
            }
        } catch (Exception e) {
            // not a slot status: refused below
        }
        throw new Refusal(ErrorCode.VALIDATION_FAILED, "status: not a slot status of FHIR R4");
    }

    private static String serviceId(TokenParam serviceType) {
        if (serviceType.getSystem() != null && !serviceType.getSystem().isEmpty()
                && !FhirMapping.SERVICE_SYSTEM.equals(serviceType.getSystem())) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "service-type: codes are service ids of system " + FhirMapping.SERVICE_SYSTEM);
        }
        String code = serviceType.getValue();
        if (code == null || code.isBlank() || code.length() > 64) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "service-type: must name a service id");
        }
        return code;
    }

    private static Slot slot(AvailabilityCalculator.Slot free, PracticeProjection.ServiceView service, ZoneId zone) {
        Slot slot = new Slot();
        slot.setId(new IdType("Slot",
                new FhirMapping.SlotKey(free.providerId(), service.id(), free.start()).id()));
        slot.setSchedule(FhirMapping.reference("Schedule", free.providerId()));
        slot.setStatus(Slot.SlotStatus.FREE);
        slot.addServiceType(FhirMapping.serviceType(service.id(), service.name()));
        slot.setStartElement(FhirMapping.instant(free.start(), zone));
        slot.setEndElement(FhirMapping.instant(free.end(), zone));
        return slot;
    }
}
