package com.practicescheduler.platform.web;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Rejection;

/** A request refused for a reason the REST contract names; becomes a problem response. */
public class RejectedException extends RuntimeException {

    private final transient Rejection rejection;

    public RejectedException(Rejection rejection) {
        super(rejection.code() + ": " + rejection.detail(), null, false, false);
        this.rejection = rejection;
    }

    public RejectedException(ErrorCode code, String detail) {
        this(new Rejection(code, detail));
    }

    public static RejectedException notFound(String what) {
        return new RejectedException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public Rejection rejection() {
        return rejection;
    }
}
