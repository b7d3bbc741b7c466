package com.practicescheduler.command.common;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Rejection;
import java.util.List;

/** A command broke a rule of the domain; carries the error code the REST contract maps to a problem. */
public class RuleViolation extends RuntimeException {

    private final transient Rejection rejection;

    public RuleViolation(ErrorCode code, String detail) {
        this(new Rejection(code, detail));
    }

    public RuleViolation(ErrorCode code, String detail, List<String> appointmentIds) {
        this(new Rejection(code, detail, appointmentIds));
    }

    private RuleViolation(Rejection rejection) {
        super(rejection.detail(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }

    public static RuleViolation notFound(String what) {
        return new RuleViolation(ErrorCode.NOT_FOUND, what + " not found");
    }
}
