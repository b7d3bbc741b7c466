package com.practicescheduler.api.calendarfeed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** What both sides agree on about calendar feeds. */
public final class CalendarFeeds {

    /** Live (not revoked) feeds one provider may have at most. */
    public static final int MAX_PER_PROVIDER = 10;

    /** What a token looks like: 43 characters of unpadded base64url (256 bits). Anything else is not looked up. */
    public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private CalendarFeeds() {
    }

    /**
     * The id of the aggregate holding a provider's feeds: the provider's id with a prefix, as aggregate ids are
     * unique across aggregate types in the event store.
     */
    public static String aggregateId(String providerId) {
        return "calendar-feeds:" + providerId;
    }

    /** The hex SHA-256 of {@code token}: what is stored and looked up instead of the token. */
    public static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
