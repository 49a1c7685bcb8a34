package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.domain.BankTransaction;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Origin;
import org.paywatch.domain.Rejection;

/** Bank records reach their project through the registry, wait for a late binding, and are dead-lettered after the grace period. */
class AccountDirectoryTest {
    private static final long GRACE = TimeUnit.HOURS.toMillis(24);
    private KeyedTwoInputStreamOperatorTestHarness<String, FeedEvent, AccountBinding, FeedEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, FeedEvent, AccountBinding, FeedEvent> newHarness()
            throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new AccountDirectory(GRACE, Long.MAX_VALUE)),
                e -> e.bank.accountNo,
                b -> b.accountNo,
                Types.STRING);
    }

    private void deposit(String when) throws Exception {
        BankTransaction t = new BankTransaction();
        t.txnId = "T-" + when;
        t.bankCode = "ZYRCB";
        t.accountNo = "A-1";
        t.type = BankTransactionType.LABOR_COST_DEPOSIT;
        t.amountFen = 100;
        t.eventTime = at(when);
        harness.processElement1(new StreamRecord<>(FeedEvent.of(new Origin("bank", 0, 7), t), t.eventTime));
    }

    private List<String> resolvedProjects() {
        return harness.extractOutputValues().stream().map(e -> e.projectId).toList();
    }

    @Test
    void shouldSendABankRecordToTheProjectItsAccountIsBoundTo() throws Exception {
        harness.processElement2(
                new StreamRecord<>(new AccountBinding("A-1", "P-1", at("2025-03-01T00:00")), at("2025-03-01T00:00")));
        deposit("2025-03-03T10:00");
        assertThat(resolvedProjects()).containsExactly("P-1");
    }

    @Test
    void shouldHoldARecordUntilItsAccountIsBound() throws Exception {
        deposit("2025-03-03T10:00");
        assertThat(resolvedProjects()).isEmpty();
        harness.processElement2(
                new StreamRecord<>(new AccountBinding("A-1", "P-1", at("2025-03-03T12:00")), at("2025-03-03T12:00")));
        assertThat(resolvedProjects()).containsExactly("P-1");
    }

    @Test
    void shouldDeadLetterARecordWhoseAccountStaysUnboundForTheGracePeriodEvenAfterARestore() throws Exception {
        deposit("2025-03-03T10:00");
        harness.processBothWatermarks(new Watermark(at("2025-03-04T09:59")));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        assertThat(harness.getSideOutput(Descriptors.REJECTED)).isNull();

        harness.processBothWatermarks(new Watermark(at("2025-03-04T10:00")));

        List<Rejection> rejected = harness.getSideOutput(Descriptors.REJECTED).stream()
                .map(StreamRecord::getValue)
                .toList();
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.reason).contains("A-1", "bound to no registered project", "24 h");
            assertThat(r.origin.topic).isEqualTo("bank");
            assertThat(r.origin.offset).isEqualTo(7);
        });
    }

    @Test
    void shouldKeepNothingOfARecordItGaveUpOn() throws Exception {
        deposit("2025-03-03T10:00");
        assertThat(harness.numKeyedStateEntries())
                .as("the record waiting for its account")
                .isEqualTo(1);

        harness.processBothWatermarks(new Watermark(at("2025-03-04T10:00")));

        assertThat(harness.getSideOutput(Descriptors.REJECTED)).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldKeepOnlyTheBindingOnceTheWaitingRecordIsSentOn() throws Exception {
        deposit("2025-03-03T10:00");

        harness.processElement2(
                new StreamRecord<>(new AccountBinding("A-1", "P-1", at("2025-03-03T12:00")), at("2025-03-03T12:00")));

        assertThat(resolvedProjects()).containsExactly("P-1");
        assertThat(harness.numKeyedStateEntries()).as("the binding alone").isEqualTo(1);
    }
}
