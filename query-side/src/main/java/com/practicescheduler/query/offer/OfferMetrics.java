package com.practicescheduler.query.offer;

import com.practicescheduler.api.waitlist.OfferStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code practice_scheduler_waitlist_offers{status}}: offers ever made, by where they ended (or {@code PENDING}),
 * over all practices — read from the offers read model, so the figures survive restarts and rebuilds.
 */
@Component
class OfferMetrics implements MeterBinder {

    private final JdbcTemplate jdbc;

    OfferMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (OfferStatus status : OfferStatus.values()) {
            Gauge.builder("practice_scheduler.waitlist.offers", () -> jdbc.queryForObject(
                            "select count(*) from waitlist_offer_view where status = ?", Long.class, status.name()))
                    .description("Waitlist offers by status").tag("status", status.name()).register(registry);
        }
    }
}
