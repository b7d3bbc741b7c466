package com.practicescheduler.embeddedpostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the standalone launcher's PostgreSQL cluster lives (ADR 9).
 *
 * <p>Normally in {@code <data-dir>/postgres}. When the JVM is root, PostgreSQL runs as an unprivileged account,
 * which cannot enter a private directory such as root's home (mode 0700). Then the cluster lives in a directory of
 * its own under {@code base} ({@code /var/lib/practice-scheduler} by default), named after the data directory's
 * path and a random part, and {@code <data-dir>/postgres.location} names it. Nobody's permissions are changed.
 *
 * <ul>
 *   <li>Data survives restarts: the location file leads back to the same cluster.</li>
 *   <li>Two checkouts never share a cluster: each cluster records the data directory it belongs to
 *       ({@code checkout}). A copied data directory whose location file points at a cluster that still belongs to
 *       the original gets a new cluster; a moved one takes its cluster along.</li>
 *   <li>Deleting the data directory starts clean, as it does without root: a data directory without a location
 *       file gets a new cluster.</li>
 * </ul>
 */
final class ClusterPlacement {

    private static final Logger log = LoggerFactory.getLogger(ClusterPlacement.class);
    static final String LOCATION_FILE = "postgres.location";
    static final String OWNER_FILE = "checkout";

    private ClusterPlacement() {
    }

    /**
     * The cluster directory for {@code dataDirectory}: {@code <dataDirectory>/postgres} if the server's account
     * can reach it (or a cluster is already there), else one under {@code base}.
     */
    static Path choose(Path dataDirectory, Path base, String osUser) {
        Path data = dataDirectory.toAbsolutePath().normalize();
        Path inPlace = data.resolve("postgres");
        if (Files.exists(inPlace.resolve("PG_VERSION")) || ServerAccount.canReach(inPlace, osUser)) {
            return inPlace;
        }
        try {
            return elsewhere(data, base.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not place the PostgreSQL cluster of " + data + " under " + base, e);
        }
    }

    /** The cluster directory under {@code base} for the data directory {@code data} (absolute, normalized). */
    static Path elsewhere(Path data, Path base) throws IOException {
        Path location = data.resolve(LOCATION_FILE);
        if (Files.isRegularFile(location)) {
            Path home = Path.of(Files.readString(location, StandardCharsets.UTF_8).trim());
            Path owner = home.resolve(OWNER_FILE);
            if (home.isAbsolute() && Files.isRegularFile(owner)) {
                Path belongsTo = Path.of(Files.readString(owner, StandardCharsets.UTF_8).trim());
                if (belongsTo.equals(data)) {
                    return home.resolve("postgres");
                }
                if (!pointsAt(belongsTo, home)) {
                    // the data directory was moved here: its cluster comes along
                    Files.writeString(owner, data + "\n", StandardCharsets.UTF_8);
                    log.info("the PostgreSQL cluster in {} now belongs to {} (moved from {})", home, data, belongsTo);
                    return home.resolve("postgres");
                }
                log.info("{} is a copy of {}; it gets a PostgreSQL cluster of its own", data, belongsTo);
            }
        }
        Path home = base.resolve(digest(data.toString()) + "-" + HexFormat.of().formatHex(randomBytes()));
        Files.createDirectories(data);
        Files.createDirectories(home);
        Files.writeString(home.resolve(OWNER_FILE), data + "\n", StandardCharsets.UTF_8);
        Files.writeString(location, home + "\n", StandardCharsets.UTF_8);
        log.info("the JVM runs as root and the PostgreSQL account cannot enter {}: its cluster lives in {}", data,
                home);
        return home.resolve("postgres");
    }

    private static boolean pointsAt(Path dataDirectory, Path home) {
        try {
            Path location = dataDirectory.resolve(LOCATION_FILE);
            return Files.isRegularFile(location)
                    && Path.of(Files.readString(location, StandardCharsets.UTF_8).trim()).equals(home);
        } catch (IOException e) {
            return true; // cannot tell: do not take another checkout's cluster
        }
    }

    private static String digest(String path) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
