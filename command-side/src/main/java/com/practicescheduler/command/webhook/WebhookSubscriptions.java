package com.practicescheduler.command.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The practices' webhook subscriptions (table {@code webhook_subscription}) and their delivery logs. */
@Component
class WebhookSubscriptions {

    /** Subscriptions one practice may have at most. */
    static final int MAX_PER_PRACTICE = 20;
    /** Deliveries a delivery log shows at most: the newest. */
    static final int LOG_LIMIT = 100;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    WebhookSubscriptions(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Subscription(String id, String practiceId, String url, List<String> events, String description,
                        String secret, Instant createdAt) {
    }

    record Delivery(String id, String type, int attempts, Integer lastStatus, String state) {
    }

    /** Adds {@code subscription}, refused when its practice has {@value #MAX_PER_PRACTICE} already. */
    @Transactional
    void add(Subscription subscription) {
        // one practice's subscriptions are added one at a time, so two at once cannot both be the 20th
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext(?))", Object.class,
                "webhook_subscription:" + subscription.practiceId());
        Integer count = jdbc.queryForObject("select count(*) from webhook_subscription where practice_id = ?",
                Integer.class, subscription.practiceId());
        if (count != null && count >= MAX_PER_PRACTICE) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "a practice has at most " + MAX_PER_PRACTICE + " webhook subscriptions");
        }
        jdbc.update("insert into webhook_subscription (id, practice_id, url, events, description, secret,"
                        + " created_at) values (?, ?, ?, cast(? as jsonb), ?, ?, ?)", subscription.id(),
                subscription.practiceId(), subscription.url(), write(subscription.events()),
                subscription.description(), subscription.secret(), Timestamp.from(subscription.createdAt()));
    }

    List<Subscription> of(String practiceId) {
        return jdbc.query("select * from webhook_subscription where practice_id = ? order by created_at, id",
                this::subscription, practiceId);
    }

    Optional<Subscription> find(String practiceId, String id) {
        return jdbc.query("select * from webhook_subscription where practice_id = ? and id = ?",
                this::subscription, practiceId, id).stream().findFirst();
    }

    /** Removes the subscription and its delivery log (pending deliveries are not sent); false if none. */
    boolean remove(String practiceId, String id) {
        return jdbc.update("delete from webhook_subscription where practice_id = ? and id = ?", practiceId, id) > 0;
    }

    List<Delivery> deliveries(String subscriptionId) {
        return jdbc.query("select id, type, attempts, last_status, state from webhook_delivery"
                        + " where subscription_id = ? order by seq desc limit " + LOG_LIMIT,
                (rs, row) -> new Delivery(rs.getString("id"), rs.getString("type"), rs.getInt("attempts"),
                        (Integer) rs.getObject("last_status"), rs.getString("state")), subscriptionId);
    }

    private Subscription subscription(ResultSet rs, int row) throws SQLException {
        try {
            return new Subscription(rs.getString("id"), rs.getString("practice_id"), rs.getString("url"),
                    json.readValue(rs.getString("events"), new TypeReference<List<String>>() { }),
                    rs.getString("description"), rs.getString("secret"),
                    rs.getTimestamp("created_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook subscription's events do not parse", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
