package com.practicescheduler.embeddedpostgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a root JVM keeps the cluster of a data directory its PostgreSQL account cannot enter. */
class ClusterPlacementTest {

    @TempDir
    Path temp;

    @Test
    void aDataDirectoryFindsItsClusterAgainAfterARestart() throws IOException {
        Path data = temp.resolve("home/checkout/data");
        Path base = temp.resolve("clusters");

        Path cluster = ClusterPlacement.elsewhere(data, base);

        assertThat(cluster.getParent().getParent()).isEqualTo(base);
        assertThat(cluster.getFileName()).hasToString("postgres");
        assertThat(Files.readString(data.resolve("postgres.location")).trim()).isEqualTo(cluster.getParent().toString());
        assertThat(Files.readString(cluster.getParent().resolve("checkout")).trim()).isEqualTo(data.toString());
        assertThat(ClusterPlacement.elsewhere(data, base)).isEqualTo(cluster);
    }

    @Test
    void twoCheckoutsNeverShareACluster() throws IOException {
        Path base = temp.resolve("clusters");
        Path first = ClusterPlacement.elsewhere(temp.resolve("home/one/data"), base);
        Path second = ClusterPlacement.elsewhere(temp.resolve("home/two/data"), base);

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aCopiedDataDirectoryGetsAClusterOfItsOwnAndTheOriginalKeepsItsOwn() throws IOException {
        Path base = temp.resolve("clusters");
        Path original = temp.resolve("home/one/data");
        Path cluster = ClusterPlacement.elsewhere(original, base);
        Path copy = Files.createDirectories(temp.resolve("home/copy/data"));
        Files.copy(original.resolve("postgres.location"), copy.resolve("postgres.location"));

        assertThat(ClusterPlacement.elsewhere(copy, base)).isNotEqualTo(cluster);
        assertThat(ClusterPlacement.elsewhere(original, base)).isEqualTo(cluster);
    }

    @Test
    void aMovedDataDirectoryTakesItsClusterAlong() throws IOException {
        Path base = temp.resolve("clusters");
        Path original = temp.resolve("home/one/data");
        Path cluster = ClusterPlacement.elsewhere(original, base);
        Path moved = temp.resolve("home/renamed");
        Files.createDirectories(moved);
        Files.move(original, moved.resolve("data"), StandardCopyOption.ATOMIC_MOVE);

        assertThat(ClusterPlacement.elsewhere(moved.resolve("data"), base)).isEqualTo(cluster);
        assertThat(Files.readString(cluster.getParent().resolve("checkout")).trim())
                .isEqualTo(moved.resolve("data").toString());
    }

    @Test
    void aDeletedDataDirectoryStartsWithANewCluster() throws IOException {
        Path base = temp.resolve("clusters");
        Path data = temp.resolve("home/one/data");
        Path cluster = ClusterPlacement.elsewhere(data, base);
        Files.delete(data.resolve("postgres.location"));

        assertThat(ClusterPlacement.elsewhere(data, base)).isNotEqualTo(cluster);
    }

    @Test
    void aReachableDataDirectoryKeepsItsClusterInside() {
        Path data = temp.resolve("open/data");
        // temp is this JVM's own directory; as root, its mode decides, so it is opened to others first
        temp.toFile().setExecutable(true, false);

        assertThat(ClusterPlacement.choose(data, temp.resolve("clusters"), ServerAccount.DEFAULT))
                .isEqualTo(data.resolve("postgres"));
        assertThat(temp.resolve("clusters")).doesNotExist();
    }
}
