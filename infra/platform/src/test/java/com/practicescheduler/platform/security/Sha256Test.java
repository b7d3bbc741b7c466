package com.practicescheduler.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void givesTheStandardDigestInLowerCaseHex() {
        // FIPS 180-2's examples
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aThreadsDigestCarriesNothingFromOneCallToTheNext() throws Exception {
        String first = Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII));
        Sha256.hex("something else".getBytes(StandardCharsets.US_ASCII));
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(first);

        String[] onAnotherThread = new String[1];
        Thread other = new Thread(() -> onAnotherThread[0] = Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
        other.start();
        other.join();
        assertThat(onAnotherThread[0]).isEqualTo(first);
    }
}
