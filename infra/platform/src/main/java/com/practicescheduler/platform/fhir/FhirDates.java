package com.practicescheduler.platform.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * A FHIR date search ({@code start=ge2026-12-07&start=le2026-12-08}, {@code date=2026-12-07}) as an interval of
 * instants [from, to). A date without a time is a day of the practice's time zone; {@code ge}/{@code le} include
 * the day, {@code gt}/{@code lt} exclude it, no prefix means within it. The interval is bounded: an open end is
 * {@code defaultLength} from the other, and an interval longer than {@code max} is refused
 * ({@code validation-failed}), like an oversized range on {@code /api/v1}.
 */
public final class FhirDates {

    private FhirDates() {
    }

    public record Window(Instant from, Instant to) {

        public boolean contains(Instant instant) {
            return !instant.isBefore(from) && instant.isBefore(to);
        }
    }

    /**
     * @param defaultFrom where the interval starts when the search names no lower bound
     */
    public static Window window(String name, DateRangeParam range, ZoneId zone, Instant defaultFrom,
                                Duration defaultLength, Duration max) {
        Instant from = null;
        Instant to = null;
        if (range != null) {
            for (DateParam param : range.getValuesAsQueryTokens()) {
                if (param == null || param.isEmpty()) {
                    continue;
                }
                Instant[] denoted = denoted(name, param, zone);
                ParamPrefixEnum prefix = param.getPrefix() == null ? ParamPrefixEnum.EQUAL : param.getPrefix();
                switch (prefix) {
                    case GREATERTHAN_OR_EQUALS -> from = later(from, denoted[0]);
                    case GREATERTHAN -> from = later(from, denoted[1]);
                    case LESSTHAN_OR_EQUALS -> to = earlier(to, denoted[1]);
                    case LESSTHAN -> to = earlier(to, denoted[0]);
                    case EQUAL -> {
                        from = later(from, denoted[0]);
                        to = earlier(to, denoted[1]);
                    }
                    default -> throw new Refusal(ErrorCode.VALIDATION_FAILED,
                            name + ": only the prefixes eq, ge, gt, le and lt are supported");
                }
            }
        }
        if (from == null) {
            from = to == null ? defaultFrom : to.minus(defaultLength);
        }
        if (to == null) {
            to = from.plus(defaultLength);
        }
        if (to.isBefore(from)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, name + ": the upper bound is before the lower bound");
        }
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    name + ": the search spans more than " + max.toDays() + " days");
        }
        return new Window(from, to);
    }

    /** The instants [first, after last) a date parameter's value stands for. */
    private static Instant[] denoted(String name, DateParam param, ZoneId zone) {
        TemporalPrecisionEnum precision = param.getPrecision();
        String text = param.getValueAsString();
        try {
            if (precision == null || text == null) {
                throw new IllegalArgumentException("no value");
            }
            return switch (precision) {
                case YEAR -> {
                    LocalDate first = Year.parse(text.substring(0, 4)).atDay(1);
                    yield new Instant[]{start(first, zone), start(first.plusYears(1), zone)};
                }
                case MONTH -> {
                    LocalDate first = YearMonth.parse(text.substring(0, 7)).atDay(1);
                    yield new Instant[]{start(first, zone), start(first.plusMonths(1), zone)};
                }
                case DAY -> {
                    LocalDate day = LocalDate.parse(text.substring(0, 10));
                    yield new Instant[]{start(day, zone), start(day.plusDays(1), zone)};
                }
                default -> {
                    Instant at = param.getValue().toInstant();
                    yield new Instant[]{at, at.plusMillis(1)};
                }
            };
        } catch (RuntimeException e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, name + ": not a date or date-time");
        }
    }

    private static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    private static Instant later(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    private static Instant earlier(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}
