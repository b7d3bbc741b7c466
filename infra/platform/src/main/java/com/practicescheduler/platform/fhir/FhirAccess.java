package com.practicescheduler.platform.fhir;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.security.Role;
import java.util.Arrays;

/**
 * Who may use a FHIR interaction: the same roles as the REST route that reads or writes the same thing. Spring
 * Security has already authenticated the bearer token (no token: 401 before HAPI runs); a role that may not
 * answers 403 {@code forbidden}, audited as a denial ({@link FhirErrors}).
 */
public final class FhirAccess {

    private FhirAccess() {
    }

    /** The caller, if one of {@code roles}. */
    public static Actor require(Role... roles) {
        Actor actor = Actor.current().orElseThrow(() -> new Refusal(ErrorCode.FORBIDDEN, "No authenticated user"));
        if (Arrays.stream(roles).noneMatch(actor::has)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "Your role does not allow this");
        }
        return actor;
    }
}
