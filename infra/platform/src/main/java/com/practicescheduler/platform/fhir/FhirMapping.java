package com.practicescheduler.platform.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * How our records become FHIR R4 resources, on both sides (docs/adr/0018-fhir-mapping.md): ids, statuses, the
 * service coding, slot ids, and the {@code Appointment} resource itself.
 */
public final class FhirMapping {

    /** The code system of {@code serviceType} codings: the code is the service's id ({@code HealthcareService/<id>}). */
    public static final String SERVICE_SYSTEM = "urn:practice-scheduler:service";
    /** The extension naming the recurring series an appointment belongs to (a string: the series id). */
    public static final String SERIES_EXTENSION = "urn:practice-scheduler:extension:series-id";
    /** The extension naming the group session an appointment is a seat of (a string: the session id). */
    public static final String GROUP_SESSION_EXTENSION = "urn:practice-scheduler:extension:group-session-id";

    private static final Pattern SLOT_ID = Pattern.compile("([0-9A-Za-z]{22})-([0-9A-Za-z]{22})-([0-9a-z]{1,12})");
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);

    private FhirMapping() {
    }

    /** Our status as FHIR's: a cancelled, late-cancelled or rescheduled-away appointment is {@code cancelled}. */
    public static Appointment.AppointmentStatus status(AppointmentStatus status) {
        return switch (status) {
            case BOOKED -> Appointment.AppointmentStatus.BOOKED;
            case CHECKED_IN -> Appointment.AppointmentStatus.CHECKEDIN;
            case COMPLETED -> Appointment.AppointmentStatus.FULFILLED;
            case NO_SHOW -> Appointment.AppointmentStatus.NOSHOW;
            case CANCELLED, LATE_CANCELLED, RESCHEDULED -> Appointment.AppointmentStatus.CANCELLED;
        };
    }

    /**
     * Our statuses that a FHIR status code stands for; empty for FHIR codes we never use ({@code proposed},
     * {@code pending}, {@code arrived}, {@code entered-in-error}, {@code waitlist}); {@code validation-failed} for
     * what is no FHIR appointment status.
     */
    public static Set<AppointmentStatus> statuses(String fhirCode) {
        Appointment.AppointmentStatus status;
        try {
            status = Appointment.AppointmentStatus.fromCode(fhirCode);
        } catch (Exception e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "status: not an appointment status of FHIR R4");
        }
        if (status == null) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "status: not an appointment status of FHIR R4");
        }
        EnumSet<AppointmentStatus> ours = EnumSet.noneOf(AppointmentStatus.class);
        for (AppointmentStatus candidate : AppointmentStatus.values()) {
            if (status(candidate) == status) {
                ours.add(candidate);
            }
        }
        return ours;
    }

    /** The {@code serviceType} of a slot or appointment of service {@code serviceId} ({@code name} may be null). */
    public static CodeableConcept serviceType(String serviceId, String name) {
        CodeableConcept concept = new CodeableConcept(new Coding(SERVICE_SYSTEM, serviceId, name));
        if (name != null) {
            concept.setText(name);
        }
        return concept;
    }

    /** An instant written with the practice's offset at that moment, to the second (or the millisecond, if it has one). */
    public static InstantType instant(Instant instant, ZoneId zone) {
        return new InstantType(Date.from(instant), precision(instant), TimeZone.getTimeZone(zone));
    }

    private static TemporalPrecisionEnum precision(Instant instant) {
        return instant.getNano() == 0 ? TemporalPrecisionEnum.SECOND : TemporalPrecisionEnum.MILLI;
    }

    /**
     * The id a reference search parameter names ({@code actor=Practitioner/<id>} or {@code actor=<id>}), if it names
     * one of {@code type}; {@code validation-failed} when it names another type or no id.
     */
    public static String referenced(String name, ca.uhn.fhir.rest.param.ReferenceParam param, String type) {
        String named = param.getResourceType();
        if (named != null && !named.isEmpty() && !named.equals(type)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, name + ": must reference a " + type);
        }
        if (param.getChain() != null && !param.getChain().isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, name + ": chained searches are not supported");
        }
        String id = param.getIdPart();
        if (id == null || id.isBlank() || id.length() > 64) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, name + ": must name a " + type + " id");
        }
        return id;
    }

    /** A date-time written with the practice's offset at that moment, to the second. */
    public static org.hl7.fhir.r4.model.DateTimeType dateTime(Instant instant, ZoneId zone) {
        return new org.hl7.fhir.r4.model.DateTimeType(Date.from(instant), precision(instant),
                TimeZone.getTimeZone(zone));
    }

    /** A reference to {@code type/id}. */
    public static Reference reference(String type, String id) {
        return new Reference(new IdType(type, id));
    }

    /** What an appointment is, as FHIR writes it. */
    public record AppointmentFacts(String id, String patientId, String providerId, String serviceId,
                                   String serviceName, Instant start, Instant end, AppointmentStatus status,
                                   String seriesId, String groupSessionId) {

        @Override
        public String toString() {
            return "AppointmentFacts[id=" + id + ", status=" + status + "]";
        }
    }

    /**
     * The {@code Appointment}: status, start and end in the practice's zone, the service, and two participants
     * (the patient and the practitioner, both {@code accepted}); a cancelled one says why in words
     * ({@code cancelationReason.text}: {@code late cancellation}, {@code rescheduled}, {@code cancelled}).
     */
    public static Appointment appointment(AppointmentFacts facts, ZoneId zone) {
        Appointment appointment = new Appointment();
        appointment.setId(new IdType("Appointment", facts.id()));
        appointment.setStatus(status(facts.status()));
        switch (facts.status()) {
            case LATE_CANCELLED -> appointment.setCancelationReason(new CodeableConcept().setText("late cancellation"));
            case RESCHEDULED -> appointment.setCancelationReason(new CodeableConcept().setText("rescheduled"));
            case CANCELLED -> appointment.setCancelationReason(new CodeableConcept().setText("cancelled"));
            default -> {
            }
        }
        appointment.addServiceType(serviceType(facts.serviceId(), facts.serviceName()));
        appointment.setStartElement(instant(facts.start(), zone));
        appointment.setEndElement(instant(facts.end(), zone));
        appointment.setMinutesDuration((int) java.time.Duration.between(facts.start(), facts.end()).toMinutes());
        appointment.addParticipant().setActor(reference("Patient", facts.patientId()))
                .setRequired(Appointment.ParticipantRequired.REQUIRED)
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        appointment.addParticipant().setActor(reference("Practitioner", facts.providerId()))
                .setRequired(Appointment.ParticipantRequired.REQUIRED)
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        if (facts.seriesId() != null) {
            appointment.addExtension(SERIES_EXTENSION, new StringType(facts.seriesId()));
        }
        if (facts.groupSessionId() != null) {
            appointment.addExtension(GROUP_SESSION_EXTENSION, new StringType(facts.groupSessionId()));
        }
        return appointment;
    }

    /** A free slot's id: provider, service and start, so that booking it needs no stored state. */
    public record SlotKey(String providerId, String serviceId, Instant start) {

        /** {@code <provider>-<service>-<start>}: the two UUIDs in base 62, the start in epoch seconds, base 36. */
        public String id() {
            return base62(UUID.fromString(providerId)) + "-" + base62(UUID.fromString(serviceId)) + "-"
                    + Long.toString(start.getEpochSecond(), 36);
        }

        /** The key of a slot id, or empty when {@code id} is none of ours. */
        public static java.util.Optional<SlotKey> parse(String id) {
            var m = id == null ? null : SLOT_ID.matcher(id);
            if (m == null || !m.matches()) {
                return java.util.Optional.empty();
            }
            try {
                UUID provider = uuid(m.group(1));
                UUID service = uuid(m.group(2));
                long seconds = Long.parseLong(m.group(3), 36);
                return java.util.Optional.of(new SlotKey(provider.toString(), service.toString(),
                        Instant.ofEpochSecond(seconds)));
            } catch (RuntimeException e) {
                return java.util.Optional.empty();
            }
        }

        /** Whether a provider or service id can be part of a slot id (server-generated ids are UUIDs). */
        public static boolean encodable(String id) {
            try {
                return UUID.fromString(id).toString().equals(id);
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    private static String base62(UUID uuid) {
        BigInteger value = new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array());
        StringBuilder text = new StringBuilder();
        while (value.signum() > 0) {
            BigInteger[] division = value.divideAndRemainder(SIXTY_TWO);
            text.append(BASE62.charAt(division[1].intValue()));
            value = division[0];
        }
        while (text.length() < 22) {
            text.append('0');
        }
        return text.reverse().toString();
    }

    private static UUID uuid(String base62) {
        BigInteger value = BigInteger.ZERO;
        for (char c : base62.toCharArray()) {
            value = value.multiply(SIXTY_TWO).add(BigInteger.valueOf(BASE62.indexOf(c)));
        }
        if (value.bitLength() > 128) {
            throw new IllegalArgumentException("not a UUID");
        }
        byte[] bytes = value.toByteArray();
        byte[] sixteen = new byte[16];
        int length = Math.min(bytes.length, 16);
        System.arraycopy(bytes, bytes.length - length, sixteen, 16 - length, length);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(sixteen);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
