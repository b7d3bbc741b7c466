package com.practicescheduler.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * CPU time from Linux's {@code /proc}: of the application's JVM (the process the benchmark started), of its
 * PostgreSQL (the postmaster with the children it has reaped, and its live children: backends, checkpointer, WAL
 * writer...), of this benchmark's own JVM (the clients), and of the whole machine (every process, other work on
 * the host included). Where a process is unknown or {@code /proc} is not there, its figure is null.
 */
final class Cpu {

    /** USER_HZ: /proc counts CPU time in ticks of 1/100 s on every Linux architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final Long application;
    private final Long postmaster;

    Cpu(Long applicationPid, Long postmasterPid) {
        this.application = applicationPid;
        this.postmaster = postmasterPid;
    }

    /** CPU ticks used so far, each null when unknown. */
    record Sample(long nanos, Long application, Long postgres, Long benchmark, Long machine) {
    }

    /** CPU milliseconds per booking answered 201 over a window, and the cores each used on average. */
    record PerBooking(long bookings, double seconds, Double applicationMs, Double postgresMs, Double benchmarkMs,
                      Double machineMs, Double applicationCores, Double postgresCores, Double benchmarkCores,
                      Double machineCores) {
    }

    Sample sample() {
        return new Sample(System.nanoTime(), application == null ? null : process(application, false),
                postmaster == null ? null : postgres(), process(ProcessHandle.current().pid(), false), machine());
    }

    PerBooking perBooking(Sample before, Sample after, long bookings) {
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        return new PerBooking(bookings, Benchmark.round(seconds),
                ms(before.application(), after.application(), bookings),
                ms(before.postgres(), after.postgres(), bookings), ms(before.benchmark(), after.benchmark(), bookings),
                ms(before.machine(), after.machine(), bookings), cores(before.application(), after.application(),
                seconds), cores(before.postgres(), after.postgres(), seconds),
                cores(before.benchmark(), after.benchmark(), seconds),
                cores(before.machine(), after.machine(), seconds));
    }

    /**
     * Waits until the application used under {@code cores} over one second (requests that their clients gave up
     * on may still be running there), at most {@code timeoutSeconds}; the seconds waited, null if its process is
     * unknown.
     */
    Double awaitQuietApplication(double cores, int timeoutSeconds) throws InterruptedException {
        if (application == null || process(application, false) == null) {
            return null;
        }
        long started = System.nanoTime();
        while (System.nanoTime() - started < timeoutSeconds * 1_000_000_000L) {
            Long before = process(application, false);
            long from = System.nanoTime();
            Thread.sleep(1000);
            Long after = process(application, false);
            if (before == null || after == null
                    || cores(before, after, (System.nanoTime() - from) / 1e9) < cores) {
                break;
            }
        }
        return Benchmark.round((System.nanoTime() - started) / 1e9);
    }

    /** The postmaster of the PostgreSQL at {@code url}, if it runs on this machine: the parent of our backend. */
    static Long postmasterOf(String url, String user, String password) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
            rs.next();
            List<String> backend = stat(rs.getLong(1));
            if (backend == null || !backend.get(0).equals("postgres")) {
                return null; // not on this machine, or another process in this pid namespace
            }
            return Long.parseLong(backend.get(2));
        } catch (Exception e) {
            return null;
        }
    }

    /** The postmaster's own ticks and its reaped children's, plus every live child's. */
    private Long postgres() {
        Long total = process(postmaster, true);
        if (total == null) {
            return null;
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                List<String> stat = stat(Long.parseLong(process.getFileName().toString()));
                if (stat != null && Long.parseLong(stat.get(2)) == postmaster) {
                    total += Long.parseLong(stat.get(12)) + Long.parseLong(stat.get(13));
                }
            }
        } catch (IOException e) {
            return null;
        }
        return total;
    }

    /** utime + stime of one process (fields 14 and 15 of its stat), with {@code reaped} also cutime + cstime. */
    private static Long process(long pid, boolean reaped) {
        List<String> stat = stat(pid);
        if (stat == null) {
            return null;
        }
        long ticks = Long.parseLong(stat.get(12)) + Long.parseLong(stat.get(13));
        return reaped ? ticks + Long.parseLong(stat.get(14)) + Long.parseLong(stat.get(15)) : ticks;
    }

    /** The machine's busy ticks: user, nice, system, irq, softirq and steal of every CPU (guest is in user). */
    private static Long machine() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[field]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Fields of /proc/PID/stat counted from 1 as in proc(5), shifted so that index 0 is the command (field 2,
     * without its parentheses) and index i its field i + 2 (ppid at 2, utime at 12); null if there is no such
     * process.
     */
    private static List<String> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')'); // the command may itself hold parentheses and spaces
            String[] rest = line.substring(close + 2).trim().split(" ");
            String[] fields = new String[rest.length + 1];
            fields[0] = line.substring(open + 1, close);
            System.arraycopy(rest, 0, fields, 1, rest.length);
            return List.of(fields);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Double ms(Long before, Long after, long bookings) {
        if (before == null || after == null || bookings == 0) {
            return null;
        }
        return Benchmark.round((after - before) * 1000 / TICKS_PER_SECOND / bookings);
    }

    private static Double cores(Long before, Long after, double seconds) {
        return before == null || after == null ? null
                : Math.round((after - before) / TICKS_PER_SECOND / seconds * 100) / 100.0;
    }
}
