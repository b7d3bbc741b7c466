package com.practicescheduler.query.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.waitlist.OfferStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the waitlist worked in the range, for the practice and per provider.
 *
 * <ul>
 *   <li>entries added, fulfilled and removed in the range; the wait from added to fulfilled (median and 90th
 *       percentile) of those fulfilled in it. Entries can name several providers or none, so a provider's line
 *       has only those fulfilled with it;</li>
 *   <li>the offers made in the range and what became of them (accepted, declined, expired, withdrawn, still
 *       pending); the acceptance rate is accepted as a percentage of those answered or expired;</li>
 *   <li>freed time (a cancelled or moved appointment, removed time off) that the waitlist re-booked in the range,
 *       and the median time it stood free: from the freeing to the booking.</li>
 * </ul>
 * Durations are ISO-8601, to the second; medians and percentiles interpolate ({@link Statistics#percentile}).
 */
record WaitlistReport(LocalDate from, LocalDate to, String timeZone, Waitlist practice, List<Waitlist> providers) {

    record Waitlist(@JsonInclude(JsonInclude.Include.NON_NULL) String providerId,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Long entriesAdded, long entriesFulfilled,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Long entriesRemoved, @Nullable Duration waitToFillMedian,
                    @Nullable Duration waitToFillP90, long offersMade, long offersAccepted, long offersDeclined,
                    long offersExpired, long offersWithdrawn, long offersPending,
                    @Nullable BigDecimal acceptanceRatePercent,
                    long slotsRebooked, @Nullable Duration timeToRebookMedian) {
    }

    static WaitlistReport of(ReportRange range, List<String> providerIds,
                             WaitlistReportProjection.EntryCounts entries,
                             List<WaitlistReportProjection.Offer> offers,
                             List<WaitlistReportProjection.Rebooking> rebookings) {
        Set<String> providers = new LinkedHashSet<>(providerIds);
        offers.forEach(o -> providers.add(o.providerId()));
        List<Waitlist> perProvider = providers.stream()
                .map(p -> waitlist(p, null, null,
                        entries.fulfilled().stream().filter(f -> p.equals(f.providerId())).toList(),
                        offers.stream().filter(o -> o.providerId().equals(p)).toList(),
                        rebookings.stream().filter(r -> r.providerId().equals(p)).toList()))
                .toList();
        return new WaitlistReport(range.from(), range.to(), range.zone().getId(),
                waitlist(null, entries.added(), entries.removed(), entries.fulfilled(), offers, rebookings),
                perProvider);
    }

    private static Waitlist waitlist(String providerId, Long added, Long removed,
                                     List<WaitlistReportProjection.Fulfilled> fulfilled,
                                     List<WaitlistReportProjection.Offer> offers,
                                     List<WaitlistReportProjection.Rebooking> rebookings) {
        List<Duration> waits = fulfilled.stream().map(WaitlistReportProjection.Fulfilled::waited).toList();
        Map<OfferStatus, Long> outcomes = offers.stream().collect(Collectors.groupingBy(
                WaitlistReportProjection.Offer::outcome, Collectors.counting()));
        Function<OfferStatus, Long> count = status -> outcomes.getOrDefault(status, 0L);
        long answered = count.apply(OfferStatus.ACCEPTED) + count.apply(OfferStatus.DECLINED)
                + count.apply(OfferStatus.EXPIRED);
        return new Waitlist(providerId, added, fulfilled.size(), removed, Statistics.percentile(waits, 0.5),
                Statistics.percentile(waits, 0.9), offers.size(), count.apply(OfferStatus.ACCEPTED),
                count.apply(OfferStatus.DECLINED), count.apply(OfferStatus.EXPIRED),
                count.apply(OfferStatus.WITHDRAWN), count.apply(OfferStatus.PENDING),
                Statistics.percent(count.apply(OfferStatus.ACCEPTED), answered), rebookings.size(),
                Statistics.percentile(rebookings.stream().map(WaitlistReportProjection.Rebooking::stoodFree)
                        .toList(), 0.5));
    }

    String csv() {
        Csv csv = new Csv("scope", "providerId", "entriesAdded", "entriesFulfilled", "entriesRemoved",
                "waitToFillMedian", "waitToFillP90", "offersMade", "offersAccepted", "offersDeclined",
                "offersExpired", "offersWithdrawn", "offersPending", "acceptanceRatePercent", "slotsRebooked",
                "timeToRebookMedian");
        List<Waitlist> all = new ArrayList<>();
        all.add(practice);
        all.addAll(providers);
        for (Waitlist w : all) {
            csv.row(w.providerId() == null ? "PRACTICE" : "PROVIDER", w.providerId(), w.entriesAdded(),
                    w.entriesFulfilled(), w.entriesRemoved(), w.waitToFillMedian(), w.waitToFillP90(),
                    w.offersMade(), w.offersAccepted(), w.offersDeclined(), w.offersExpired(), w.offersWithdrawn(),
                    w.offersPending(), w.acceptanceRatePercent(), w.slotsRebooked(), w.timeToRebookMedian());
        }
        return csv.toString();
    }
}
