package com.practicescheduler.query.provider;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.platform.fhir.FhirAccess;
import com.practicescheduler.platform.fhir.FhirPages;
import com.practicescheduler.platform.fhir.FhirMapping;
import com.practicescheduler.platform.fhir.FhirResources;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.security.Role;
import com.practicescheduler.query.practice.PracticeProjection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Schedule;
import org.springframework.stereotype.Component;

/**
 * FHIR {@code Practitioner} (a provider: id and display name) and {@code Schedule} (one per provider, with the
 * provider's id: {@code Schedule/<providerId>}, its actor {@code Practitioner/<providerId>}, the services it offers
 * and the booking horizon as planning horizon). Readable by every role, like {@code GET /api/v1/providers}.
 */
@Component
public class ProviderFhir implements FhirResources {

    private static final Role[] READERS = Role.values();

    private final ProviderProjection providers;
    private final PracticeProjection practices;
    private final Clock clock;

    ProviderFhir(ProviderProjection providers, PracticeProjection practices, Clock clock) {
        this.providers = providers;
        this.practices = practices;
        this.clock = clock;
    }

    @Read(type = Practitioner.class)
    public Practitioner practitioner(@IdParam IdType id) {
        Actor actor = FhirAccess.require(READERS);
        return practitioner(providers.require(actor.practiceId(), id.getIdPart()));
    }

    @Search(type = Practitioner.class)
    public IBundleProvider practitioners(@Offset Integer offset, @Count Integer count) {
        Actor actor = FhirAccess.require(READERS);
        return FhirPages.page(providers.providers(actor.practiceId()).stream().map(ProviderFhir::practitioner)
                .toList(), offset, count);
    }

    @Read(type = Schedule.class)
    public Schedule schedule(@IdParam IdType id) {
        Actor actor = FhirAccess.require(READERS);
        ProviderProjection.ProviderView provider = providers.provider(actor.practiceId(), id.getIdPart())
                .orElseThrow(() -> Refusal.notFound("Schedule " + id.getIdPart()));
        return schedule(actor, provider);
    }

    @Search(type = Schedule.class)
    public IBundleProvider schedules(@OptionalParam(name = Schedule.SP_ACTOR) ReferenceParam actorParam,
                                     @Offset Integer offset, @Count Integer count) {
        Actor actor = FhirAccess.require(READERS);
        List<ProviderProjection.ProviderView> found = actorParam == null
                ? providers.providers(actor.practiceId())
                : List.of(providers.require(actor.practiceId(),
                        FhirMapping.referenced("actor", actorParam, "Practitioner")));
        return FhirPages.page(found.stream().map(p -> schedule(actor, p)).toList(), offset, count);
    }

    private static Practitioner practitioner(ProviderProjection.ProviderView provider) {
        Practitioner practitioner = new Practitioner();
        practitioner.setId(new IdType("Practitioner", provider.id()));
        practitioner.setActive(true);
        practitioner.addName().setText(provider.displayName());
        return practitioner;
    }

    private Schedule schedule(Actor actor, ProviderProjection.ProviderView provider) {
        PracticeSettings settings = practices.settings(actor.practiceId());
        ZoneId zone = ZoneId.of(settings.timeZone());
        Schedule schedule = new Schedule();
        schedule.setId(new IdType("Schedule", provider.id()));
        schedule.setActive(true);
        schedule.addActor(FhirMapping.reference("Practitioner", provider.id()));
        practices.services(actor.practiceId()).stream()
                .filter(s -> provider.offers(s.id()))
                .forEach(s -> schedule.addServiceType(FhirMapping.serviceType(s.id(), s.name())));
        Instant now = clock.instant();
        schedule.setPlanningHorizon(new Period().setStartElement(FhirMapping.dateTime(now, zone))
                .setEndElement(FhirMapping.dateTime(now.plus(Duration.ofDays(settings.bookingHorizonDays())), zone)));
        return schedule;
    }
}
