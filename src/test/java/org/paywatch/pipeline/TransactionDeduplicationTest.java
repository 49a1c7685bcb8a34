package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.domain.BankTransaction;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Origin;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.RejectionCause;

/** A txnId is applied once; sent again with the same content it is a duplicate, with other content a conflict (CONTRACTS.md). */
class TransactionDeduplicationTest {
    private static final long RETENTION = TimeUnit.DAYS.toMillis(400);
    private KeyedOneInputStreamOperatorTestHarness<String, FeedEvent, FeedEvent> harness;
    private long offset;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, FeedEvent, FeedEvent> newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TransactionDeduplication(RETENTION)),
                TransactionDeduplication::key,
                Types.STRING);
    }

    private void send(Consumer<BankTransaction> edit) throws Exception {
        BankTransaction t = new BankTransaction();
        t.txnId = "T1";
        t.bankCode = "ZYRCB";
        t.accountNo = "A-1";
        t.type = BankTransactionType.WAGE_PAYOUT;
        t.amountFen = 350_000;
        t.workerId = "W-1";
        t.wagePeriod = "2025-04";
        t.eventTime = at("2025-05-10T10:00");
        edit.accept(t);
        harness.processElement(new StreamRecord<>(FeedEvent.of(new Origin("bank", 0, offset++), t), t.eventTime));
    }

    private List<Rejection> rejected() {
        var side = harness.getSideOutput(Descriptors.REJECTED);
        return side == null
                ? List.of()
                : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void shouldApplyAReSentTransactionOnce() throws Exception {
        send(t -> {});
        send(t -> {});

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(rejected()).isEmpty();
    }

    @Test
    void shouldDeadLetterAConflictingReSendNamingTheTxnIdAndTheFirstDifferingField() throws Exception {
        send(t -> {});
        send(t -> {
            t.amountFen = 350_001; // one fen more
            t.wagePeriod = "2025-05";
        });

        assertThat(harness.extractOutputValues())
                .as("only the first content is applied")
                .hasSize(1);
        assertThat(rejected()).singleElement().satisfies(r -> {
            assertThat(r.cause).isEqualTo(RejectionCause.CONFLICT);
            assertThat(r.reason).contains("txnId T1", "another amountFen").doesNotContain("wagePeriod");
        });
    }

    @Test
    void shouldTellAConflictAfterARestore() throws Exception {
        send(t -> {});
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();

        send(t -> {});
        send(t -> t.type = BankTransactionType.CASH_WITHDRAWAL);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(rejected())
                .singleElement()
                .satisfies(r -> assertThat(r.reason).contains("another type"));
    }

    @Test
    void shouldForgetATxnIdAfterItsRetention() throws Exception {
        send(t -> {});
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(new Watermark(at("2025-05-10T10:00") + RETENTION));

        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
