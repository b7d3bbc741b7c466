package com.practicescheduler.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class JdbcStorageWithParsedTimestampsTest {

    @Test
    void everyTimestampTheEngineWritesIsReadAsTheInstantAxonWouldRead() {
        Random random = new Random(17);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(-62_167_219_200_000L, 253_402_300_799_999L));
            String written = DateTimeUtils.formatInstant(instant);

            assertThat(JdbcStorageWithParsedTimestamps.parse(written)).as(written)
                    .isEqualTo(DateTimeUtils.parseInstant(written)).isEqualTo(instant);
        }
        for (String edge : new String[] {"2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00.000Z",
                "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z"}) {
            assertThat(JdbcStorageWithParsedTimestamps.parse(edge)).isEqualTo(DateTimeUtils.parseInstant(edge));
        }
    }

    @Test
    void anyOtherTextIsReadByAxonsParser() {
        for (String other : new String[] {"2026-12-05T10:03:31.669123Z", "2026-12-05T10:03:31.669+01:00",
                "2026-12-05T10:03:31Z", "2026-12-05T10:03:31.6Z"}) {
            assertThat(JdbcStorageWithParsedTimestamps.parse(other)).as(other)
                    .isEqualTo(DateTimeUtils.parseInstant(other));
        }
    }
}
