package com.practicescheduler.command.common;

import java.util.UUID;

/** Server-generated ids. */
public final class Ids {

    private Ids() {
    }

    public static String next() {
        return UUID.randomUUID().toString();
    }
}
