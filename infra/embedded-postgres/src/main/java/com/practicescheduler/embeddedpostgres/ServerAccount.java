package com.practicescheduler.embeddedpostgres;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The unprivileged OS account PostgreSQL runs as when the JVM is root (initdb and postgres refuse to run as root),
 * and how to switch to it: {@code setpriv}, else {@code runuser}. No maintained launcher does this for us (ADR 11):
 * zonky's runs the programs in a user namespace instead, which ADR 9 rejected.
 */
record ServerAccount(String name, int uid, int gid, List<String> prefix) {

    static final String DEFAULT = "nobody";

    /** The account PostgreSQL's programs run as from this JVM: null when the JVM is not root (they run as us). */
    static ServerAccount forThisJvm() {
        return jvmIsRoot() ? lookup(DEFAULT) : null;
    }

    static boolean jvmIsRoot() {
        return currentUid() == 0;
    }

    static int currentUid() {
        try {
            return (int) new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (LinkageError moduleMissing) {
            // a trimmed (jlink) runtime without jdk.security.auth: ask the OS
            return Integer.parseInt(Programs.tool("id", "-u"));
        }
    }

    static ServerAccount lookup(String name) {
        int uid;
        int gid;
        try {
            uid = Integer.parseInt(Programs.tool("id", "-u", name));
            gid = Integer.parseInt(Programs.tool("id", "-g", name));
        } catch (IllegalStateException | NumberFormatException e) {
            throw new IllegalStateException("The JVM runs as root, so PostgreSQL must run as an unprivileged OS account,"
                    + " but account '" + name + "' was not found (" + e.getMessage() + "). Create it or run the JVM as a"
                    + " normal user.", e);
        }
        if (uid == 0) {
            throw new IllegalStateException("Account '" + name + "' is root; PostgreSQL refuses to run as root.");
        }
        String setpriv = Programs.find("setpriv");
        if (setpriv != null) {
            return new ServerAccount(name, uid, gid,
                    List.of(setpriv, "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
        }
        String runuser = Programs.find("runuser");
        if (runuser != null) {
            return new ServerAccount(name, uid, gid, List.of(runuser, "-u", name, "--"));
        }
        throw new IllegalStateException("The JVM runs as root, so PostgreSQL must run as account '" + name + "', but"
                + " neither setpriv nor runuser (util-linux) is installed. Install util-linux or run the JVM as a normal"
                + " user.");
    }

    /**
     * Whether PostgreSQL could use a cluster at {@code path}: always when the JVM is not root; as root, when account
     * {@code name} may enter every existing directory on the way to it.
     */
    static boolean canReach(Path path, String name) {
        if (!jvmIsRoot()) {
            return true;
        }
        ServerAccount account = lookup(name);
        for (Path p = path.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p) && !account.canTraverse(p)) {
                return false;
            }
        }
        return true;
    }

    List<String> wrap(List<String> command) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(command);
        return full;
    }

    /** Whether this account may enter {@code directory} (POSIX: owner bits, else group bits, else other bits). */
    boolean canTraverse(Path directory) {
        try {
            int owner = (Integer) Files.getAttribute(directory, "unix:uid");
            int group = (Integer) Files.getAttribute(directory, "unix:gid");
            int mode = (Integer) Files.getAttribute(directory, "unix:mode");
            return (mode & (owner == uid ? 0100 : group == gid ? 0010 : 0001)) != 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a clear message naming the first directory from / down to {@code directory} this account cannot enter. */
    void requireTraversable(Path directory, String purpose, String advice) throws IOException {
        List<Path> chain = new ArrayList<>();
        for (Path p = directory; p != null; p = p.getParent()) {
            chain.add(0, p);
        }
        for (Path p : chain) {
            if (!Files.isDirectory(p)) {
                return; // missing directories are created later with mode 0755
            }
            if (!canTraverse(p)) {
                throw new IllegalStateException("The JVM runs as root, so PostgreSQL runs as OS account '" + name
                        + "' (uid " + uid + "), but that account cannot enter directory " + p + " (mode "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + ", owner uid "
                        + Files.getAttribute(p, "unix:uid") + ") on the way to " + purpose + ". " + advice
                        + ", or grant search permission (chmod o+x " + p + ").");
            }
        }
    }

    /** Makes this account the owner of {@code root} and everything in it (symbolic links themselves, not their targets). */
    void ownRecursively(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                own(directory);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                own(file);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    void own(Path path) throws IOException {
        if ((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS) != uid) {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        }
        if ((Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS) != gid) {
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
    }
}
