package com.practicescheduler.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void quickShortensEveryPhaseAndNumbersGivenBesideItWin() {
        Options options = Options.parse(new String[] {"--quick", "--measure", "60", "--clients", "8"});

        assertThat(options.quick()).isTrue();
        assertThat(options.history()).isEqualTo(5000);
        assertThat(options.warmupSeconds()).isEqualTo(10);
        assertThat(options.measureSeconds()).isEqualTo(60);
        assertThat(options.pacedSeconds()).isEqualTo(20);
        assertThat(options.rebuild()).isFalse();
        assertThat(options.coldStart()).isFalse();
        assertThat(options.plainClients()).isEqualTo(8); // as many as the load's clients unless given
    }

    @Test
    void withoutQuickTheFullRun() {
        Options options = Options.parse(new String[] {"--plain-clients", "32"});

        assertThat(options.quick()).isFalse();
        assertThat(options.history()).isEqualTo(50_000);
        assertThat(options.warmupSeconds()).isEqualTo(120); // the booking path compiled before it is measured
        assertThat(options.measureSeconds()).isEqualTo(60);
        assertThat(options.rebuild()).isTrue();
        assertThat(options.clients()).isEqualTo(16);
        assertThat(options.plainClients()).isEqualTo(32);
    }
}
