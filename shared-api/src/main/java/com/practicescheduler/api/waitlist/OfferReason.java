package com.practicescheduler.api.waitlist;

import com.practicescheduler.api.Nullable;
import java.util.List;

/**
 * Why an offer went to this entry, so the decision can be explained later.
 *
 * @param madeBy     {@code STAFF} for a hand-made offer, {@code MATCHER} for an automatic one
 * @param rank       the entry's place in its service's queue when the offer was made, when known
 * @param candidates how many entries were considered
 * @param criteria   what matched (service, provider, window, dates...)
 * @param skipped    why higher-ranked entries were passed over
 */
public record OfferReason(String madeBy, @Nullable Integer rank, int candidates, List<String> criteria,
                          List<String> skipped) {

    public static OfferReason byStaff(@Nullable Integer rank) {
        return new OfferReason("STAFF", rank, 1, List.of("chosen by staff"), List.of());
    }
}
