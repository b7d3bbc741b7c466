package com.practicescheduler.standalone;

import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar practice-scheduler.jar token --role SCHEDULER --practice demo [--provider ID] [--sub USER]
 * [--ttl PT8H] [--data-dir ./data]}: prints a development token signed with the key pair of that data directory
 * (created if absent), which the standalone system started on the same data directory accepts.
 */
final class TokenCommand {

    private static final String USAGE = "usage: token --role ROLE[,ROLE...] --practice PRACTICE_ID "
            + "[--provider PROVIDER_ID] [--sub USER_ID] [--ttl PT8H] [--data-dir ./data]\n"
            + "roles: SCHEDULER CLINICIAN PRACTICE_ADMIN COMPLIANCE_OFFICER ANALYST";

    private TokenCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                err.println(USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0 || !options.containsKey("role") || !options.containsKey("practice")) {
            err.println(USAGE);
            return 2;
        }
        List<Role> roles = new ArrayList<>();
        try {
            for (String role : options.get("role").split(",")) {
                roles.add(Role.valueOf(role.trim()));
            }
        } catch (IllegalArgumentException e) {
            err.println(USAGE);
            return 2;
        }
        Path dataDir = Path.of(options.getOrDefault("data-dir",
                System.getProperty("practice-scheduler.data-dir", "./data")));
        DevelopmentKeys keys = DevelopmentKeys.loadOrCreate(dataDir.resolve("keys"));
        out.println(DevelopmentTokens.mint(keys, options.getOrDefault("sub", "dev-" + options.get("role")
                        .toLowerCase().replace(',', '-')), options.get("practice"), roles, options.get("provider"),
                Instant.now(), Duration.parse(options.getOrDefault("ttl", "PT8H"))));
        return 0;
    }
}
