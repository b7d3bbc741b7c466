package com.practicescheduler.platform.web;

import java.io.IOException;

/** A request body exceeded the configured cap while it was being read. */
public class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
