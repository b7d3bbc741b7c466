package com.practicescheduler.platform.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Describes an exception for the log without its messages, which may quote patient data (a rejected value, a
 * SQL parameter): the chain of exception types and where the innermost was thrown.
 */
public final class SafeExceptions {

    private SafeExceptions() {
    }

    /** An exception whose message is written to say nothing but types and ids: described with it. */
    public interface SafeMessage {
    }

    public static String describe(Throwable e) {
        List<String> chain = new ArrayList<>();
        Throwable innermost = e;
        for (Throwable t = e; t != null && chain.size() < 10; t = t.getCause()) {
            chain.add(t instanceof SafeMessage ? t.getClass().getName() + ": " + t.getMessage()
                    : t.getClass().getName());
            innermost = t;
        }
        StackTraceElement[] trace = innermost.getStackTrace();
        String at = trace.length == 0 ? "?" : trace[0].toString();
        return String.join(" <- ", chain) + " at " + at;
    }
}
