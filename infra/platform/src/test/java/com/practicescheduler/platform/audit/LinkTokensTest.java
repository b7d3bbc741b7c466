package com.practicescheduler.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A denied request's path goes into the audit trail for ever: the tokens of links never do. */
class LinkTokensTest {

    private static final String TOKEN = "q8Xw3Jm2T0bYl5vN1c7ZsR9kUe4aPdHgFiLoW6yBtCx";

    @Test
    void aCalendarFeedsOrAnOfferLinksTokenIsReplaced() {
        assertThat(AuditLog.withoutLinkTokens("/calendar-feeds/" + TOKEN + ".ics"))
                .isEqualTo("/calendar-feeds/{token}");
        assertThat(AuditLog.withoutLinkTokens("/offers/" + TOKEN)).isEqualTo("/offers/{token}");
        assertThat(AuditLog.withoutLinkTokens("/offers/" + TOKEN + "/accept")).isEqualTo("/offers/{token}/accept");
    }

    @Test
    void idsOfTheApiStayAsTheyAre() {
        assertThat(AuditLog.withoutLinkTokens("/api/v1/waitlist/offers/offer-1/accept"))
                .isEqualTo("/api/v1/waitlist/offers/offer-1/accept");
        assertThat(AuditLog.withoutLinkTokens("/api/v1/providers/p-1/calendar-feeds/feed-1"))
                .isEqualTo("/api/v1/providers/p-1/calendar-feeds/feed-1");
        assertThat(AuditLog.withoutLinkTokens(null)).isNull();
    }
}
