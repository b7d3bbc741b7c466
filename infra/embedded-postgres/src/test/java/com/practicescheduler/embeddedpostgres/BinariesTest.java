package com.practicescheduler.embeddedpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binaries are unpacked once into the temp directory, usable by the server account, and never from a directory another account could have prepared. */
class BinariesTest {

    @TempDir
    Path temp;
    private String tmpdir;

    @BeforeEach
    void useAFreshTempDirectory() {
        tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", temp.toString());
    }

    @AfterEach
    void restoreTheTempDirectory() {
        System.setProperty("java.io.tmpdir", tmpdir);
    }

    @Test
    void unpacksOnceAndEveryAccountMayRunButNotChangeThem() throws IOException {
        Binaries binaries = Binaries.extract();

        assertThat(binaries.root().getParent()).isEqualTo(temp.resolve("practice-scheduler-pg"));
        assertThat(Path.of(binaries.program("postgres"))).isExecutable();
        assertThat(binaries.root().resolve("lib/libpq.so")).isSymbolicLink();
        assertThat(mode(binaries.root())).isEqualTo("rwxr-xr-x");
        assertThat(mode(binaries.root().resolve("share"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(Path.of(binaries.program("initdb")))).isEqualTo("rwxr-xr-x");
        assertThat(mode(binaries.root().resolve("share/postgresql/postgresql.conf.sample"))).isEqualTo("rw-r--r--");

        Path marker = binaries.root().resolve(".complete");
        long unpackedAt = Files.getLastModifiedTime(marker).toMillis();
        assertThat(Binaries.extract()).isEqualTo(binaries);
        assertThat(Files.getLastModifiedTime(marker).toMillis()).as("not unpacked again").isEqualTo(unpackedAt);
    }

    @Test
    void refusesADirectoryOthersMayWriteTo() throws IOException {
        Path shared = Files.createDirectory(temp.resolve("practice-scheduler-pg"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(Binaries::extract)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("with mode 777; refusing to run PostgreSQL binaries another account could have replaced");
    }

    @Test
    void refusesASymbolicLink() throws IOException {
        Files.createSymbolicLink(temp.resolve("practice-scheduler-pg"), Files.createDirectory(temp.resolve("elsewhere")));

        assertThatThrownBy(Binaries::extract).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is a symbolic link");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
