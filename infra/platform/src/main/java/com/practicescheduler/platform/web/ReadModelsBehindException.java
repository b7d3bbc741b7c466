package com.practicescheduler.platform.web;

/** The read models have not reached the position a query asked for within the wait: answered 503, try again. */
public class ReadModelsBehindException extends RuntimeException {

    public ReadModelsBehindException(long position) {
        super("The read models have not yet reached position " + position);
    }
}
