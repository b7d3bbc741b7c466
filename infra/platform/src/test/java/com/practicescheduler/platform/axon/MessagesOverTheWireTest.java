package com.practicescheduler.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * With Axon Server every command, query, answer and event crosses the wire as JSON, serialized by the messages'
 * serializer; without it only events do. So that the Axon Server shape cannot break on a record no test sent over
 * the wire, every record of the contract ({@code shared-api}) is built with a value in each component and must come
 * back equal from that serializer.
 */
class MessagesOverTheWireTest {

    private final Serializer wire = JacksonSerializer.builder()
            .objectMapper(AxonPlatformConfiguration.messageObjectMapper()).build();
    /** Each generated instant, date and time is later than the one before: ranges come out the right way round. */
    private int step;

    @Test
    void everyRecordOfTheContractComesBackEqualFromTheMessagesSerializer() {
        List<Class<?>> records = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.practicescheduler.api").stream()
                .map(JavaClass::reflect)
                .filter(Class::isRecord)
                .filter(type -> Modifier.isPublic(type.getModifiers()))
                .<Class<?>>map(type -> type)
                .sorted(java.util.Comparator.comparing(Class::getName))
                .toList();
        assertThat(records).as("the contract's records were found")
                .anyMatch(type -> type.getSimpleName().equals("BookAppointmentCommand"))
                .anyMatch(type -> type.getSimpleName().equals("SeatHeldEvent"))
                .hasSizeGreaterThan(60);

        Map<String, String> failures = new TreeMap<>();
        for (Class<?> type : records) {
            try {
                Object sent = instance(type);
                SerializedObject<byte[]> serialized = wire.serialize(sent, byte[].class);
                Object received = wire.deserialize(serialized);
                if (!sent.equals(received)) {
                    failures.put(type.getName(), "came back as " + received);
                }
            } catch (Exception | AssertionError e) {
                failures.put(type.getName(), e.toString());
            }
        }
        assertThat(failures).as("records that do not cross the wire intact").isEmpty();
    }

    private Object instance(Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getGenericType());
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return canonical.newInstance(values);
    }

    private Object value(Type generic) throws ReflectiveOperationException {
        if (generic instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return new ArrayList<>(List.of(value(arguments[0])));
            }
            if (Set.class.isAssignableFrom(raw)) {
                return Set.of(value(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of(value(arguments[0]), value(arguments[1]));
            }
            throw new IllegalArgumentException("no sample for " + generic);
        }
        Class<?> type = (Class<?>) generic;
        step++;
        if (type == String.class) {
            return "text-" + step;
        } else if (type == int.class || type == Integer.class) {
            return step;
        } else if (type == long.class || type == Long.class) {
            return (long) step;
        } else if (type == boolean.class || type == Boolean.class) {
            return true;
        } else if (type == double.class || type == Double.class) {
            return step + 0.5;
        } else if (type == BigDecimal.class) {
            return new BigDecimal("12.5");
        } else if (type == Instant.class) {
            return Instant.parse("2027-03-09T14:00:00.123456Z").plus(Duration.ofHours(step));
        } else if (type == LocalDate.class) {
            return LocalDate.of(2027, 1, 1).plusDays(step);
        } else if (type == LocalTime.class) {
            return LocalTime.of(6, 0).plusMinutes(step);
        } else if (type == Duration.class) {
            return Duration.ofMinutes(30 + step);
        } else if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[step % constants.length];
        } else if (type.isRecord()) {
            return instance(type);
        }
        throw new IllegalArgumentException("no sample for " + type.getName());
    }
}
