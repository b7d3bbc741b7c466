package com.practicescheduler.query.availability;

import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.query.appointment.AppointmentProjection;
import com.practicescheduler.query.groupsession.GroupSessionProjection;
import com.practicescheduler.query.offer.OfferProjection;
import com.practicescheduler.query.practice.PracticeProjection;
import com.practicescheduler.query.provider.ProviderProjection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The free slots of an ordinary (one-patient) service, for {@code GET /api/v1/availability} and FHIR {@code Slot}
 * alike: working hours minus time off, appointments and group sessions with their buffers, and live holds.
 */
@Component
class FreeSlots {

    private final ProviderProjection providers;
    private final AppointmentProjection appointments;
    private final OfferProjection offers;
    private final GroupSessionProjection sessions;
    private final Clock clock;

    FreeSlots(ProviderProjection providers, AppointmentProjection appointments, OfferProjection offers,
              GroupSessionProjection sessions, Clock clock) {
        this.providers = providers;
        this.appointments = appointments;
        this.offers = offers;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Free slots of {@code service} with {@code candidates} on the local dates {@code from}..{@code to}. */
    List<AvailabilityCalculator.Slot> slots(PracticeSettings settings, PracticeProjection.ServiceView service,
                                            List<ProviderProjection.ProviderView> candidates, LocalDate from,
                                            LocalDate to) {
        ZoneId zone = ZoneId.of(settings.timeZone());
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<String> ids = candidates.stream().map(ProviderProjection.ProviderView::id).toList();
        Map<String, List<TimeRange>> unavailable = new HashMap<>();
        providers.timeOff(ids, start, end).forEach(t ->
                unavailable.computeIfAbsent(t.providerId(), k -> new ArrayList<>()).add(t.range()));
        Instant now = clock.instant();
        appointments.blockedTime(ids, start, end).forEach(b ->
                unavailable.computeIfAbsent(b.providerId(), k -> new ArrayList<>()).add(b.range()));
        sessions.blockedTime(ids, start, end).forEach(b ->
                unavailable.computeIfAbsent(b.providerId(), k -> new ArrayList<>()).add(b.range()));
        offers.holds(ids, start, end, now).forEach(h ->
                unavailable.computeIfAbsent(h.providerId(), k -> new ArrayList<>()).add(h.range()));

        List<AvailabilityCalculator.ProviderTime> times = candidates.stream()
                .map(p -> new AvailabilityCalculator.ProviderTime(p.id(), p.weekly(),
                        unavailable.getOrDefault(p.id(), List.of())))
                .toList();
        List<LocalDate> dates = from.datesUntil(to.plusDays(1)).toList();
        Instant horizon = now.plus(Duration.ofDays(settings.bookingHorizonDays()));
        return AvailabilityCalculator.slots(times, dates, zone, settings.slotMinutes(),
                Duration.ofMinutes(service.durationMinutes()), Duration.ofMinutes(service.bufferMinutes()),
                now, horizon);
    }
}
