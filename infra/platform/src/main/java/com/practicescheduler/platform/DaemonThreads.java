package com.practicescheduler.platform;

import java.util.concurrent.ThreadFactory;

/**
 * Threads of the application's own background work (snapshots, retries, checks, deliveries): each named for that
 * work, so a thread dump or a profile says what it does, and a daemon, so none keeps a stopping JVM alive.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A factory of daemon threads called {@code name}. */
    public static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
