package com.practicescheduler.benchmark;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run: by default the standalone jar on a PostgreSQL the benchmark starts itself; with {@code --base-url}
 * a running system (tokens signed with the keys in {@code --keys}; baseline and history need {@code --jdbc-url}).
 */
record Options(String baseUrl, Path jar, Path keys, String jdbcUrl, String jdbcUser, String jdbcPassword,
               Path out, int providers, int patients, int history, int clients, int warmupSeconds,
               int measureSeconds, int pacedSeconds, int baselineSeconds, int plainClients, boolean rebuild,
               boolean coldStart, List<String> appJavaOptions, long auditEntries, boolean quick) {

    /** What {@code --quick} stands for; options given beside it win. */
    static final Map<String, String> QUICK = Map.of("--history", "5000", "--warmup", "10", "--measure", "30",
            "--paced", "20", "--baseline", "10", "--no-rebuild", "true", "--no-cold-start", "true");

    static final String USAGE = """
            java -jar infra/benchmark/target/practice-scheduler-benchmark.jar [options]
              --history N         past appointments seeded as events (default 50000; up to 1000000)
              --audit-entries N   also a second practice with N audit entries written straight into the audit
                                  read model, for the audit query at 10 M (default 0; see AuditFiller)
              --clients N         concurrent clients of the measured load (default 16)
              --warmup S          warm-up seconds of each closed-loop phase (default 120: the booking path
                                  is compiled by then; the bookings-only phase logs each 10 s of it)
              --measure S         measured seconds of each closed-loop phase, bookings only and mixed (default 60)
              --paced S           seconds of bookings at half the bookings-only rate, open loop (default 30)
              --baseline S        seconds of each baseline: raw commits, then the plain booking (default 10)
              --plain-clients N   clients of the plain-booking baseline (default: as many as --clients)
              --providers N       (default 20)   --patients N  (default 5000)
              --no-rebuild        skip the full rebuild of the projections
              --no-cold-start     skip timing README command 1 on a fresh data directory
              --quick             a few minutes, to compare changes: --history 5000 --warmup 10 --measure 30
                                  --paced 20 --baseline 10 --no-rebuild --no-cold-start (numbers given beside
                                  it win; the rebuild and the cold start stay skipped)
              --out DIR           where result.json and result.md go (default target/benchmark)
              --jar PATH          the standalone jar (default infra/standalone/target/practice-scheduler.jar)
              --app-java-options "..."  JVM options for the application, e.g. to profile it:
                                  "-XX:StartFlightRecording=filename=app.jfr,settings=profile"
              --base-url URL      measure a running system instead; then also --keys DIR (its development keys)
                                  and, for the baseline and the history, --jdbc-url URL --jdbc-user U --jdbc-password P
            """;

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + name + "\n" + USAGE);
            }
            if (name.equals("--no-rebuild") || name.equals("--no-cold-start") || name.equals("--help")
                    || name.equals("--quick")) {
                values.put(name, "true");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("Missing a value for " + name + "\n" + USAGE);
            }
        }
        if (values.containsKey("--help")) {
            System.out.println(USAGE);
            System.exit(0);
        }
        boolean quick = values.containsKey("--quick");
        if (quick) {
            QUICK.forEach(values::putIfAbsent);
        }
        String baseUrl = values.get("--base-url");
        if (baseUrl != null && !values.containsKey("--keys")) {
            throw new IllegalArgumentException("--base-url needs --keys\n" + USAGE);
        }
        int clients = number(values, "--clients", 16);
        return new Options(baseUrl,
                Path.of(values.getOrDefault("--jar", "infra/standalone/target/practice-scheduler.jar")),
                values.containsKey("--keys") ? Path.of(values.get("--keys")) : null,
                values.get("--jdbc-url"), values.get("--jdbc-user"), values.get("--jdbc-password"),
                Path.of(values.getOrDefault("--out", "target/benchmark")),
                number(values, "--providers", 20), number(values, "--patients", 5000),
                number(values, "--history", 50_000), clients,
                number(values, "--warmup", 120), number(values, "--measure", 60), number(values, "--paced", 30),
                number(values, "--baseline", 10), number(values, "--plain-clients", clients),
                !values.containsKey("--no-rebuild"), !values.containsKey("--no-cold-start"),
                values.containsKey("--app-java-options")
                        ? List.of(values.get("--app-java-options").trim().split("\\s+")) : List.of(),
                Long.parseLong(values.getOrDefault("--audit-entries", "0")), quick);
    }

    private static int number(Map<String, String> values, String name, int fallback) {
        String value = values.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
