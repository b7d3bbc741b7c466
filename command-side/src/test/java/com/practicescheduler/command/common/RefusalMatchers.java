package com.practicescheduler.command.common;

import static org.hamcrest.Matchers.equalTo;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.error.Rejection;
import java.util.List;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;

/** Hamcrest matchers for the refusals an aggregate throws, as the test fixture's {@code expectException} wants. */
public final class RefusalMatchers {

    private RefusalMatchers() {
    }

    /** A {@link Refusal} carrying {@code code}. */
    public static Matcher<Refusal> refusedWith(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a refusal with code", "code") {
            @Override
            protected ErrorCode featureValueOf(Refusal actual) {
                return actual.code();
            }
        };
    }

    /** A {@link Refusal} carrying {@code code} and naming exactly {@code appointmentIds}, in this order. */
    public static Matcher<Refusal> refusedWith(ErrorCode code, String... appointmentIds) {
        return new FeatureMatcher<>(equalTo(List.of(code, List.of(appointmentIds))),
                "a refusal with [code, appointment ids]", "[code, appointment ids]") {
            @Override
            protected List<Object> featureValueOf(Refusal actual) {
                Rejection rejection = actual.rejection();
                return List.of(rejection.code(), rejection.appointmentIds());
            }
        };
    }
}
