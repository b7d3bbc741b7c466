package com.practicescheduler.query.notification;

import com.practicescheduler.platform.persistence.Rows;
import com.practicescheduler.platform.security.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The links of offer messages: 256 random bits per link, only their SHA-256 stored. A link dies with the hold
 * ({@code expires_at}) and once the offer is answered by any means ({@code used_at}).
 */
@Component
class OfferLinks {

    /** What a token looks like: 43 characters of unpadded base64url. Anything else is not looked up. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    OfferLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new link for {@code offerId}; the token is returned once and kept nowhere. */
    String issue(String offerId, String practiceId, String patientId, Instant expiresAt, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("""
                insert into offer_link (token_hash, offer_id, practice_id, patient_id, expires_at, created_at)
                values (?, ?, ?, ?, ?, ?)
                """, hash(token), offerId, practiceId, patientId, Timestamp.from(expiresAt), Timestamp.from(now));
        return token;
    }

    Optional<Link> find(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return jdbc.query("select * from offer_link where token_hash = ?", (rs, row) -> new Link(
                rs.getString("offer_id"), rs.getString("practice_id"), rs.getString("patient_id"),
                Rows.instant(rs, "expires_at"), rs.getObject("used_at", OffsetDateTime.class) != null,
                rs.getBoolean("taken_by_another")),
                hash(token)).stream().findFirst();
    }

    /** Uses {@code token}: true for the one caller that did, false when it was used already. */
    boolean use(String token, Instant now) {
        return jdbc.update("update offer_link set used_at = ? where token_hash = ? and used_at is null",
                Timestamp.from(now), hash(token)) == 1;
    }

    /**
     * The offer was answered (or withdrawn, or expired): every link of it is used up; {@code takenByAnother} when a
     * broadcast's other patient accepted the time first.
     */
    void retire(String offerId, Instant now, boolean takenByAnother) {
        jdbc.update("""
                update offer_link set used_at = coalesce(used_at, ?), taken_by_another = taken_by_another or ?
                where offer_id = ?
                """, Timestamp.from(now), takenByAnother, offerId);
    }

    private static String hash(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A link: which offer, whose, until when; {@code used} once answered; {@code takenByAnother} when its broadcast
     * offer was withdrawn because another patient accepted the time first.
     */
    record Link(String offerId, String practiceId, String patientId, Instant expiresAt, boolean used,
                boolean takenByAnother) {
    }
}
