package com.practicescheduler.query.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.practicescheduler.api.provider.ProviderRegisteredEvent;
import com.practicescheduler.api.provider.TimeOffAddedEvent;
import com.practicescheduler.api.provider.TimeOffRemovedEvent;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.api.provider.WorkingHoursSetEvent;
import com.practicescheduler.query.ReadModelDatabase;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.provider.ProviderProjection.ProviderView;
import com.practicescheduler.query.provider.ProviderProjection.TimeOffView;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider read model against a real PostgreSQL with the real migrations. */
class ProviderProjectionTest {

    private static final String PRACTICE = "practice-1";
    private static final String OTHER_PRACTICE = "practice-2";
    private static final String DR_A = "dr-a";
    private static final String DR_B = "dr-b";
    private static final Instant MONDAY_9 = Instant.parse("2027-06-07T13:00:00Z");
    private static final Instant DAY_START = Instant.parse("2027-06-07T04:00:00Z");
    private static final Instant DAY_END = Instant.parse("2027-06-08T04:00:00Z");
    private static final Instant WHENEVER = Instant.parse("2027-01-01T12:00:00Z");

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();
    private static final ProviderProjection providers = new ProviderProjection(db.named(),
            new BatchedWrites(db.named()), JsonMapper.builder().findAndAddModules().build());


    private static final List<WeeklyInterval> WEEKLY = List.of(
            new WeeklyInterval(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 30)),
            new WeeklyInterval(DayOfWeek.MONDAY, LocalTime.of(13, 30), LocalTime.of(17, 0)),
            new WeeklyInterval(DayOfWeek.THURSDAY, LocalTime.of(8, 15), LocalTime.of(11, 45)));

    @Test
    void aRegisteredProviderReadsBackWithItsServicesAndWorkingHours() {
        providers.on(new ProviderRegisteredEvent(DR_A, PRACTICE, "Dr. A", List.of("service-1", "service-2")),
                WHENEVER);
        providers.on(new WorkingHoursSetEvent(DR_A, PRACTICE, WEEKLY));

        ProviderView view = providers.provider(PRACTICE, DR_A).orElseThrow();

        assertThat(view.displayName()).isEqualTo("Dr. A");
        assertThat(view.serviceIds()).containsExactly("service-1", "service-2");
        assertThat(view.weekly()).isEqualTo(WEEKLY);
        assertThat(view.offers("service-2")).isTrue();
        assertThat(view.offers("service-3")).isFalse();
    }

    @Test
    void aNewlyRegisteredProviderHasNoWorkingHoursAndWithoutServiceListOffersEveryService() {
        providers.on(new ProviderRegisteredEvent(DR_A, PRACTICE, "Dr. A", List.of()), WHENEVER);

        ProviderView view = providers.provider(PRACTICE, DR_A).orElseThrow();

        assertThat(view.weekly()).isEmpty();
        assertThat(view.offers("any-service")).isTrue();
    }

    @Test
    void settingWorkingHoursAgainReplacesThem() {
        providers.on(new ProviderRegisteredEvent(DR_A, PRACTICE, "Dr. A", List.of()), WHENEVER);
        providers.on(new WorkingHoursSetEvent(DR_A, PRACTICE, WEEKLY));
        List<WeeklyInterval> fridaysOnly =
                List.of(new WeeklyInterval(DayOfWeek.FRIDAY, LocalTime.of(10, 0), LocalTime.of(14, 0)));

        providers.on(new WorkingHoursSetEvent(DR_A, PRACTICE, fridaysOnly));

        assertThat(providers.provider(PRACTICE, DR_A).orElseThrow().weekly()).isEqualTo(fridaysOnly);
    }

    @Test
    void providersAreListedPerPracticeInOrderOfRegistration() {
        providers.on(new ProviderRegisteredEvent(DR_B, PRACTICE, "Dr. B", List.of()), WHENEVER);
        providers.on(new ProviderRegisteredEvent(DR_A, PRACTICE, "Dr. A", List.of()),
                WHENEVER.plus(Duration.ofMinutes(1)));
        providers.on(new ProviderRegisteredEvent("dr-elsewhere", OTHER_PRACTICE, "Dr. X", List.of()),
                WHENEVER);
        // a redelivered registration changes nothing
        providers.on(new ProviderRegisteredEvent(DR_B, PRACTICE, "Dr. B", List.of()),
                WHENEVER.plus(Duration.ofHours(1)));

        assertThat(providers.providers(PRACTICE)).extracting(ProviderView::id).containsExactly(DR_B, DR_A);
        assertThat(providers.provider(OTHER_PRACTICE, DR_A)).isEmpty();
    }

    @Test
    void timeOffOverlappingTheRangeIsReturnedAndRemovedTimeOffIsGone() {
        Instant monday = Instant.parse("2027-06-07T00:00:00Z");
        Instant tuesday = monday.plus(Duration.ofDays(1));
        Instant wednesday = tuesday.plus(Duration.ofDays(1));
        providers.on(new TimeOffAddedEvent(DR_A, PRACTICE, "off-vacation", monday.minus(Duration.ofDays(3)),
                monday.plus(Duration.ofHours(12)), "Vacation"));
        providers.on(new TimeOffAddedEvent(DR_A, PRACTICE, "off-dentist", tuesday.plus(Duration.ofHours(14)),
                tuesday.plus(Duration.ofHours(16)), "Dentist"));
        providers.on(new TimeOffAddedEvent(DR_A, PRACTICE, "off-next-week", monday.plus(Duration.ofDays(7)),
                monday.plus(Duration.ofDays(8)), null));
        providers.on(new TimeOffAddedEvent(DR_B, PRACTICE, "off-other-provider", monday, tuesday, null));

        List<TimeOffView> found = providers.timeOff(List.of(DR_A), monday, wednesday);

        assertThat(found).containsExactly(
                new TimeOffView("off-vacation", DR_A,
                        new TimeRange(monday.minus(Duration.ofDays(3)), monday.plus(Duration.ofHours(12))),
                        "Vacation"),
                new TimeOffView("off-dentist", DR_A,
                        new TimeRange(tuesday.plus(Duration.ofHours(14)), tuesday.plus(Duration.ofHours(16))),
                        "Dentist"));
        // half-open: time off ending exactly where the range starts is outside it
        assertThat(providers.timeOff(List.of(DR_A), monday.plus(Duration.ofHours(12)), tuesday)).isEmpty();

        providers.on(new TimeOffRemovedEvent(DR_A, PRACTICE, "off-dentist", tuesday.plus(Duration.ofHours(14)),
                tuesday.plus(Duration.ofHours(16))));

        assertThat(providers.timeOff(List.of(DR_A), monday, wednesday))
                .extracting(TimeOffView::id).containsExactly("off-vacation");
        assertThat(providers.timeOff(List.of(DR_A, DR_B), monday, wednesday))
                .extracting(TimeOffView::id).containsExactly("off-vacation", "off-other-provider");
    }

    @Test
    void resetForgetsProvidersAndTheirTimeOff() {
        providers.on(new ProviderRegisteredEvent(DR_A, PRACTICE, "Dr. A", List.of()), WHENEVER);
        providers.on(new WorkingHoursSetEvent(DR_A, PRACTICE, WEEKLY));
        providers.on(new TimeOffAddedEvent(DR_A, PRACTICE, "off-1", MONDAY_9, MONDAY_9.plus(Duration.ofHours(1)),
                null));

        providers.reset();

        assertThat(providers.providers(PRACTICE)).isEmpty();
        assertThat(providers.timeOff(List.of(DR_A), DAY_START, DAY_END)).isEmpty();
    }
}
