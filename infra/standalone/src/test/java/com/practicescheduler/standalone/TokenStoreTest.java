package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jpa.TokenEntry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The token store every processor writes its position to after each batch: a position is written only by the node
 * that holds the segment's claim, as Axon's own JPA token store decides it.
 */
class TokenStoreTest extends IntegrationTest {

    @Autowired
    TokenStore tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theNodeHoldingTheClaimWritesItsPosition() {
        String processor = claimedByThisNode();

        inTransaction(() -> tokens.storeToken(new GlobalSequenceTrackingToken(42), processor, 0));

        assertThat(read(() -> tokens.fetchToken(processor, 0))).isEqualTo(new GlobalSequenceTrackingToken(42));
        inTransaction(() -> tokens.storeToken(new GlobalSequenceTrackingToken(43), processor, 0));
        assertThat(read(() -> tokens.fetchToken(processor, 0))).isEqualTo(new GlobalSequenceTrackingToken(43));
    }

    @Test
    void aSegmentNobodyHoldsIsClaimedByTheWrite() {
        String processor = newProcessor();

        inTransaction(() -> tokens.storeToken(new GlobalSequenceTrackingToken(7), processor, 0));

        assertThat(jdbc.queryForObject("select owner from token_entry where processor_name = ?", String.class,
                processor)).isNotNull().isNotEqualTo("another-node");
        assertThat(read(() -> tokens.fetchToken(processor, 0))).isEqualTo(new GlobalSequenceTrackingToken(7));
    }

    @Test
    void aSegmentAnotherNodeHoldsKeepsThatNodesPosition() {
        String processor = claimedByThisNode();
        inTransaction(() -> tokens.storeToken(new GlobalSequenceTrackingToken(5), processor, 0));
        // another node took the segment over (our claim ran out), and holds it now: on the clock claims are read on
        jdbc.update("update token_entry set owner = 'another-node', timestamp = ? where processor_name = ?",
                DateTimeUtils.formatInstant(TokenEntry.clock.instant()), processor);

        assertThatThrownBy(() -> inTransaction(() ->
                tokens.storeToken(new GlobalSequenceTrackingToken(99), processor, 0)))
                .isInstanceOf(UnableToClaimTokenException.class);

        assertThat(jdbc.queryForObject("select owner from token_entry where processor_name = ?", String.class,
                processor)).isEqualTo("another-node");
        jdbc.update("update token_entry set owner = null where processor_name = ?", processor);
        assertThat(read(() -> tokens.fetchToken(processor, 0))).isEqualTo(new GlobalSequenceTrackingToken(5));
    }

    /** A processor of one segment nobody has claimed. */
    private String newProcessor() {
        String processor = "test-" + UUID.randomUUID();
        inTransaction(() -> tokens.initializeTokenSegments(processor, 1));
        return processor;
    }

    /** A processor of one segment this node has claimed (by fetching its token, as a processor does). */
    private String claimedByThisNode() {
        String processor = newProcessor();
        inTransaction(() -> tokens.fetchToken(processor, 0));
        return processor;
    }

    private <T> T read(Supplier<T> work) {
        return new TransactionTemplate(transactions).execute(status -> work.get());
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> work.run());
    }
}
