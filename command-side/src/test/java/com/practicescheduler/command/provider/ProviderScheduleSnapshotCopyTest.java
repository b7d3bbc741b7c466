package com.practicescheduler.command.provider;

import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.provider.HoldPlacedEvent;
import com.practicescheduler.api.provider.ProviderRegisteredEvent;
import com.practicescheduler.api.provider.TimeOffAddedEvent;
import com.practicescheduler.api.provider.TimeReservedEvent;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.api.provider.WorkingHoursSetEvent;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a snapshot of a schedule is taken from ({@link ProviderSchedule#snapshotCopy()}): every stored field, and
 * nothing the schedule goes on changing after the copy.
 */
class ProviderScheduleSnapshotCopyTest {

    private static final String PROVIDER = "provider-1";
    private static final String PRACTICE = "practice-1";
    private static final Instant NOW = Instant.parse("2027-03-01T08:00:00Z");

    @Test
    void theCopyHasEveryStoredFieldOfTheSchedule() throws IllegalAccessException {
        ProviderSchedule schedule = scheduleWithSomethingInEveryField();

        ProviderSchedule copy = schedule.snapshotCopy();

        for (Field field : storedFields()) {
            Object original = field.get(schedule);
            assertThat(original).as("the fixture sets %s", field.getName()).isNotNull();
            if (original instanceof Collection<?> collection) {
                assertThat(collection).as("the fixture sets %s", field.getName()).isNotEmpty();
            }
            if (original instanceof Map<?, ?> map) {
                assertThat(map).as("the fixture sets %s", field.getName()).isNotEmpty();
            }
            assertThat(field.get(copy)).as(field.getName()).isEqualTo(original);
        }
    }

    @Test
    void whatTheScheduleDecidesAfterTheCopyIsNotInIt() throws IllegalAccessException {
        ProviderSchedule schedule = scheduleWithSomethingInEveryField();
        ProviderSchedule copy = schedule.snapshotCopy();
        Map<String, Object> before = values(copy);

        schedule.on(new TimeOffAddedEvent(PROVIDER, PRACTICE, "off-2", at("2027-03-22T09:00"), at("2027-03-22T12:00"),
                "training"));
        schedule.on(new TimeReservedEvent(PROVIDER, PRACTICE, "r-2", at("2027-03-08T11:00"), at("2027-03-08T12:00"),
                NOW), NOW);
        schedule.on(new HoldPlacedEvent(PROVIDER, PRACTICE, "h-2", at("2027-03-08T13:00"), at("2027-03-08T14:00"),
                NOW.plusSeconds(600)));

        assertThat(values(copy)).isEqualTo(before);
        assertThat(schedule.holds("r-2")).isTrue();
        assertThat(copy.holds("r-2")).isFalse();
    }

    private static ProviderSchedule scheduleWithSomethingInEveryField() {
        ProviderSchedule schedule = new ProviderSchedule();
        schedule.on(new ProviderRegisteredEvent(PROVIDER, PRACTICE, "Dr. Rivera", List.of("consult")));
        schedule.on(new WorkingHoursSetEvent(PROVIDER, PRACTICE,
                List.of(new WeeklyInterval(MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)))));
        schedule.on(new TimeOffAddedEvent(PROVIDER, PRACTICE, "off-1", at("2027-03-15T09:00"), at("2027-03-15T17:00"),
                "vacation"));
        schedule.on(new TimeReservedEvent(PROVIDER, PRACTICE, "r-1", at("2027-03-08T09:00"), at("2027-03-08T10:00"),
                NOW), NOW);
        schedule.on(new HoldPlacedEvent(PROVIDER, PRACTICE, "h-1", at("2027-03-08T10:00"), at("2027-03-08T11:00"),
                NOW.plusSeconds(900)));
        return schedule;
    }

    /** The fields a snapshot serializes: every instance field that is not transient. */
    private static List<Field> storedFields() {
        List<Field> fields = Arrays.stream(ProviderSchedule.class.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers()))
                .toList();
        fields.forEach(field -> field.setAccessible(true));
        return fields;
    }

    /** Each stored field's value, collections copied as they are now. */
    private static Map<String, Object> values(ProviderSchedule schedule) throws IllegalAccessException {
        Map<String, Object> values = new HashMap<>();
        for (Field field : storedFields()) {
            Object value = field.get(schedule);
            values.put(field.getName(), value instanceof Map<?, ?> map ? Map.copyOf(map)
                    : value instanceof Collection<?> collection ? List.copyOf(collection) : value);
        }
        return values;
    }

    private static Instant at(String localUtc) {
        return Instant.parse(localUtc + ":00Z");
    }
}
