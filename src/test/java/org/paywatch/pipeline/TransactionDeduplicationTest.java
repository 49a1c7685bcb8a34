package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.domain.BankTransaction;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Origin;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.RejectionCause;

/** A txnId is applied once; sent again with the same content it is a duplicate, with other content a conflict (CONTRACTS.md). */
class TransactionDeduplicationTest {
    private static final long RETENTION = TimeUnit.DAYS.toMillis(400);
    private KeyedOneInputStreamOperatorTestHarness<Long, FeedEvent, FeedEvent> harness;
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

    private static KeyedOneInputStreamOperatorTestHarness<Long, FeedEvent, FeedEvent> newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TransactionDeduplication(RETENTION)),
                TransactionDeduplication::key,
                Types.LONG);
    }

    private static BankTransaction transaction(Consumer<BankTransaction> edit) {
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
        return t;
    }

    private void send(Consumer<BankTransaction> edit) throws Exception {
        BankTransaction t = transaction(edit);
        harness.processElement(new StreamRecord<>(FeedEvent.of(new Origin("bank", 0, offset++), t), t.eventTime));
    }

    private void restartFromASnapshot() throws Exception {
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
    }

    private List<Rejection> rejected() {
        var side = harness.getSideOutput(Descriptors.REJECTED);
        return side == null
                ? List.of()
                : side.stream().map(StreamRecord::getValue).toList();
    }

    private long duplicates() {
        var duplicates =
                harness.getEnvironment().getAccumulatorRegistry().getUserMap().get(Outcome.DUPLICATE.counterName);
        return duplicates == null ? 0 : ((Number) duplicates.getLocalValue()).longValue();
    }

    @Test
    void shouldApplyAReSentTransactionOnce() throws Exception {
        send(t -> {});
        send(t -> {});

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(duplicates()).isEqualTo(1);
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
        assertThat(duplicates()).isZero();
        assertThat(rejected()).singleElement().satisfies(r -> {
            assertThat(r.cause).isEqualTo(RejectionCause.CONFLICT);
            assertThat(r.reason).contains("txnId T1", "another amountFen").doesNotContain("wagePeriod");
        });
    }

    static Stream<Arguments> oneFieldChanged() {
        return Stream.of(
                Arguments.of("accountNo", (Consumer<BankTransaction>) t -> t.accountNo = "A-2"),
                Arguments.of("type", (Consumer<BankTransaction>) t -> t.type = BankTransactionType.CASH_WITHDRAWAL),
                Arguments.of("balanceAfterFen", (Consumer<BankTransaction>) t -> t.balanceAfterFen = 0L),
                Arguments.of("counterpartyName", (Consumer<BankTransaction>) t -> t.counterpartyName = "Li Wei"),
                Arguments.of("workerId", (Consumer<BankTransaction>) t -> t.workerId = "W-2"),
                Arguments.of("wagePeriod", (Consumer<BankTransaction>) t -> t.wagePeriod = "2025-03"),
                Arguments.of("eventTime", (Consumer<BankTransaction>) t -> t.eventTime += 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneFieldChanged")
    void shouldNameTheOneFieldThatDiffers(String field, Consumer<BankTransaction> change) throws Exception {
        send(t -> {});
        send(change);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(rejected())
                .singleElement()
                .satisfies(r -> assertThat(r.reason).contains("with another " + field + ":"));
    }

    @Test
    void shouldCallItOtherContentWhenNoFieldsHashTellsTheDifference() throws Exception {
        // a counterpartyName whose 7-bit hash is the first one's (1 in 128): only the content fingerprint differs
        long[] first = TransactionDeduplication.fingerprint(transaction(t -> {}));
        String name = null;
        for (int i = 0; name == null; i++) {
            String candidate = "N" + i;
            if (TransactionDeduplication.fingerprint(transaction(t -> t.counterpartyName = candidate))[1] == first[1]) {
                name = candidate;
            }
        }
        String alike = name;

        send(t -> {});
        send(t -> t.counterpartyName = alike);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(rejected())
                .singleElement()
                .satisfies(r -> assertThat(r.reason)
                        .contains("txnId T1 was received before with other content: a txnId names one transaction"));
    }

    @Test
    void shouldApplyTwoTxnIdsOfOneBank() throws Exception {
        send(t -> {});
        send(t -> t.txnId = "T2");

        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(duplicates()).isZero();
        assertThat(rejected()).isEmpty();
    }

    @Test
    void shouldApplyTheSameTxnIdFromAnotherBank() throws Exception {
        send(t -> {});
        send(t -> t.bankCode = "ZYRCB2");

        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(rejected()).isEmpty();
    }

    @Test
    void shouldTellAConflictAfterARestore() throws Exception {
        send(t -> {});
        restartFromASnapshot();

        send(t -> {});
        send(t -> t.type = BankTransactionType.CASH_WITHDRAWAL);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(rejected())
                .singleElement()
                .satisfies(r -> assertThat(r.reason).contains("another type"));
    }

    @Test
    void shouldTellAReSendAndANewTxnIdAfterARestore() throws Exception {
        send(t -> {});
        restartFromASnapshot();

        send(t -> {});
        send(t -> t.txnId = "T2");

        assertThat(harness.extractOutputValues())
                .as("the new txnId only")
                .singleElement()
                .satisfies(e -> assertThat(e.bank.txnId).isEqualTo("T2"));
        assertThat(duplicates()).isEqualTo(1);
        assertThat(rejected()).isEmpty();
    }

    @Test
    void shouldForgetATxnIdAfterItsRetention() throws Exception {
        send(t -> {});
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(new Watermark(at("2025-05-10T10:00") + RETENTION));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldFingerprintAsSavepointsOfThisReleaseDo() {
        // SHA-256 computed outside Java (Python's hashlib) over the encoding in TransactionDeduplication: a
        // restored state compares equal only if this JVM and the one that wrote it agree; changing these values is a
        // state-layout change (CHANGELOG.md)
        assertThat(TransactionDeduplication.key("ZYRCB", "T1")).isEqualTo(-5643434058190965965L);
        assertThat(TransactionDeduplication.fingerprint(transaction(t -> t.eventTime = 1_746_842_400_000L)))
                .containsExactly(1848337156589504571L, 3115040417918424003L);
    }
}
