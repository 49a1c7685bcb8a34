package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.Direction;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.contract.WageType;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.BankTransaction;
import org.paywatch.domain.ClockIn;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Origin;
import org.paywatch.domain.Project;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.RiskSnapshot;
import org.paywatch.domain.WorkerRegistration;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.ProjectFixture;

/** The keyed project monitor in Flink's operator harness: timers on silence, waiting, late data, snapshot/restore. */
class ProjectMonitorTest {
    private static final long GRACE = TimeUnit.HOURS.toMillis(24);
    private KeyedOneInputStreamOperatorTestHarness<String, FeedEvent, AlertEvent> harness;
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

    private static KeyedOneInputStreamOperatorTestHarness<String, FeedEvent, AlertEvent> newHarness() throws Exception {
        return newHarness(800);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, FeedEvent, AlertEvent> newHarness(
            int maxParallelism, int parallelism, int subtask) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ProjectMonitor(ProjectFixture.policy(), GRACE, Long.MAX_VALUE, 800)),
                e -> e.projectId,
                Types.STRING,
                maxParallelism,
                parallelism,
                subtask);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, FeedEvent, AlertEvent> newHarness(
            long settledHistoryDays) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new ProjectMonitor(ProjectFixture.policy(), GRACE, Long.MAX_VALUE, settledHistoryDays)),
                e -> e.projectId,
                Types.STRING);
    }

    /** Snapshots the monitor, and goes on with a new one restored from that snapshot. */
    private void restartFromASnapshot() throws Exception {
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
    }

    /** The project's book as the monitor keeps it in keyed state. */
    private ProjectBook book() throws Exception {
        return book(ProjectFixture.PROJECT);
    }

    private ProjectBook book(String project) throws Exception {
        KeyedStateBackend<String> state = harness.getOperator().getKeyedStateBackend();
        state.setCurrentKey(project);
        return state.getPartitionedState(
                        VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, Descriptors.projectBook())
                .value();
    }

    private void send(Object payload) throws Exception {
        send(ProjectFixture.PROJECT, payload);
    }

    private void send(String project, Object payload) throws Exception {
        FeedEvent e = FeedEvent.of(new Origin("t", 0, offset++), payload);
        e.projectId = project;
        harness.processElement(new StreamRecord<>(e, e.eventTime()));
    }

    private void registerAndWorkApril() throws Exception {
        send(ProjectFixture.project(ProjectStatus.ACTIVE, null));
        WorkerRegistration w = new WorkerRegistration();
        w.projectId = ProjectFixture.PROJECT;
        w.workerId = "W1";
        w.wageType = WageType.DAILY;
        w.wageRateFen = 35_000;
        w.updatedAt = at("2025-03-02T10:00");
        send(w);
        send(clockIn("2025-04-07T07:40"));
        send(deposit("2025-03-03T10:00")); // March's labour cost, so that PW01 has nothing to say about March
        send(deposit("2025-04-03T10:00"));
    }

    private static ClockIn clockIn(String when) {
        ClockIn c = new ClockIn();
        c.projectId = ProjectFixture.PROJECT;
        c.workerId = "W1";
        c.direction = Direction.IN;
        c.eventTime = at(when);
        return c;
    }

    private static BankTransaction deposit(String when) {
        BankTransaction t = new BankTransaction();
        t.txnId = "D-" + when;
        t.bankCode = "ZYRCB";
        t.accountNo = "A-account";
        t.type = BankTransactionType.LABOR_COST_DEPOSIT;
        t.amountFen = 12_000_000;
        t.eventTime = at(when);
        return t;
    }

    private static BankTransaction payout(String when, String period, long fen) {
        BankTransaction t = new BankTransaction();
        t.txnId = "P-" + when;
        t.bankCode = "ZYRCB";
        t.accountNo = "A-account";
        t.type = BankTransactionType.WAGE_PAYOUT;
        t.workerId = "W1";
        t.wagePeriod = period;
        t.amountFen = fen;
        t.eventTime = at(when);
        return t;
    }

    private List<AlertEvent> alerts() {
        List<AlertEvent> out = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                out.add((AlertEvent) r.getValue());
            }
        }
        return out;
    }

    private List<String> transitions() {
        return alerts().stream()
                .map(a -> a.ruleId + " " + a.transition + " " + a.level)
                .toList();
    }

    @Test
    void shouldRaiseThePayDeadlineFromTheTimerWhileTheFeedsAreSilent() throws Exception {
        registerAndWorkApril();
        harness.processWatermark(new Watermark(at("2025-04-30T00:00")));
        assertThat(transitions()).isEmpty();

        harness.processWatermark(new Watermark(at("2025-06-01T00:00")));

        assertThat(transitions()).contains("PW05 RAISED BLUE", "PW05 ESCALATED YELLOW");
        AlertEvent yellow = alerts().stream()
                .filter(a -> a.level == AlertLevel.YELLOW && a.ruleId.equals("PW05"))
                .findFirst()
                .orElseThrow();
        assertThat(yellow.eventTime).isEqualTo(at("2025-06-01T00:00"));
        assertThat(yellow.scope).isEqualTo("2025-04");
    }

    @Test
    void shouldApplyRecordsInEventTimeOrderSoThatADepositBeforeMidnightPreventsTheAlert() throws Exception {
        registerAndWorkApril();
        harness.processWatermark(new Watermark(at("2025-05-04T23:59")));
        send(deposit("2025-05-04T23:59:30")); // day 31 after the 3 April deposit, ahead of the watermark
        harness.processWatermark(new Watermark(at("2025-05-06T00:00")));
        assertThat(transitions()).noneMatch(t -> t.startsWith("PW02"));
        assertThat(late()).isZero();

        // Counted from its own day: PW02's next deadline is day 31 after the 4 May deposit, not after 3 April's.
        harness.processWatermark(new Watermark(at("2025-06-06T00:00")));
        assertThat(alerts()).filteredOn(a -> a.ruleId.equals("PW02")).first().satisfies(a -> {
            assertThat(a.transition).isEqualTo(AlertTransition.RAISED);
            assertThat(a.eventTime).isEqualTo(at("2025-06-05T00:00"));
        });
    }

    @Test
    void shouldApplyALateDepositAndClearTheAlertItWouldHavePrevented() throws Exception {
        registerAndWorkApril();
        harness.processWatermark(new Watermark(at("2025-05-06T00:00")));
        assertThat(transitions()).contains("PW02 RAISED YELLOW");

        send(deposit("2025-05-03T10:00")); // behind the watermark: late, applied all the same

        assertThat(transitions()).contains("PW02 CLEARED YELLOW");
        assertThat(late()).isEqualTo(1); // counted, so that a burst of them shows on the metrics
    }

    private long late() {
        var late =
                harness.getEnvironment().getAccumulatorRegistry().getUserMap().get(Outcome.LATE.counterName);
        return late == null ? 0 : ((Number) late.getLocalValue()).longValue();
    }

    @Test
    void shouldKeepRecordsWaitingForTheirProjectAndApplyThemOnRegistration() throws Exception {
        send(clockIn("2025-04-07T07:40"));
        harness.processWatermark(new Watermark(at("2025-04-07T12:00")));
        send(ProjectFixture.project(ProjectStatus.ACTIVE, null)); // updatedAt lies before: late, and applied at once
        harness.processWatermark(new Watermark(at("2025-06-01T00:00")));
        assertThat(transitions()).contains("PW05 ESCALATED YELLOW");
        assertThat(harness.getSideOutput(Descriptors.REJECTED)).isNull();
    }

    @Test
    void shouldDeadLetterRecordsOfAProjectNobodyRegisteredWithinTheGracePeriod() throws Exception {
        send(clockIn("2025-04-07T07:40"));
        harness.processWatermark(new Watermark(at("2025-04-08T07:39")));
        assertThat(harness.getSideOutput(Descriptors.REJECTED)).isNull();

        harness.processWatermark(new Watermark(at("2025-04-08T07:40")));

        List<Rejection> rejected = harness.getSideOutput(Descriptors.REJECTED).stream()
                .map(StreamRecord::getValue)
                .toList();
        assertThat(rejected)
                .singleElement()
                .satisfies(r -> assertThat(r.reason).contains(ProjectFixture.PROJECT, "not registered"));
    }

    @Test
    void shouldWriteADailyRiskSnapshot() throws Exception {
        registerAndWorkApril();
        harness.processWatermark(new Watermark(at("2025-06-02T00:00")));
        List<RiskSnapshot> snapshots = harness.getSideOutput(Descriptors.SNAPSHOTS).stream()
                .map(StreamRecord::getValue)
                .toList();
        RiskSnapshot june2 = snapshots.get(snapshots.size() - 1);
        assertThat(june2.time).isEqualTo(at("2025-06-02T00:00"));
        // PW05 is YELLOW, and PW09 RED: W1 has not clocked in since 7 April and is still owed April's wages
        assertThat(june2.level).isEqualTo(AlertLevel.RED);
        assertThat(june2.openRed).isEqualTo(1);
        assertThat(june2.unpaidWorkers).isEqualTo(1);
        assertThat(june2.overdueFen).isEqualTo(35_000);
    }

    @Test
    void shouldFireTheDeadlineAfterRestoringFromASnapshot() throws Exception {
        registerAndWorkApril();
        harness.processWatermark(new Watermark(at("2025-05-20T00:00")));
        restartFromASnapshot();
        harness.processWatermark(new Watermark(at("2025-06-01T00:00")));

        assertThat(transitions()).contains("PW05 RAISED BLUE", "PW05 ESCALATED YELLOW");
        assertThat(alerts()).allMatch(a -> a.projectName.equals("高台县城关镇测试工程"));
    }

    @Test
    void shouldApplyTheRecordsAheadOfTheWatermarkAfterRestoringFromASnapshot() throws Exception {
        registerAndWorkApril(); // no watermark yet: every record waits on the heap
        restartFromASnapshot();
        harness.processWatermark(new Watermark(at("2025-06-01T00:00")));

        assertThat(transitions()).contains("PW05 RAISED BLUE", "PW05 ESCALATED YELLOW");
        assertThat(book().attendedWorkers("2025-04")).containsExactly("W1");
    }

    @Test
    void shouldGiveEachSubtaskTheRecordsOfItsOwnProjectsWhenRestoredAtAnotherParallelism() throws Exception {
        int maxParallelism = 128;
        harness.close();
        harness = newHarness(maxParallelism, 1, 0);
        harness.open();
        List<String> projects = List.of(projectOnSubtask(0, maxParallelism), projectOnSubtask(1, maxParallelism));
        for (String id : projects) {
            Project p = ProjectFixture.project(ProjectStatus.ACTIVE, null);
            p.projectId = id;
            send(id, p);
        }
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        for (int subtask = 0; subtask < 2; subtask++) {
            harness = newHarness(maxParallelism, 2, subtask);
            harness.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(
                    snapshot, maxParallelism, 1, 2, subtask));
            harness.open();
            assertThat(monitor().recordsAhead())
                    .as("subtask %d: the registration of its own project", subtask)
                    .isEqualTo(1);
            harness.processWatermark(new Watermark(at("2025-02-22T12:00")));

            assertThat(monitor().recordsAhead()).isZero();
            assertThat(harness.numKeyedStateEntries())
                    .as("subtask %d: the book of its own project alone", subtask)
                    .isEqualTo(1);
            assertThat(book(projects.get(subtask)).isRegistered()).isTrue();
            harness.close();
        }
        harness = newHarness();
        harness.open();
    }

    private ProjectMonitor monitor() {
        return (ProjectMonitor) ((KeyedProcessOperator<?, ?, ?>) harness.getOperator()).getUserFunction();
    }

    private static String projectOnSubtask(int subtask, int maxParallelism) {
        for (int i = 0; ; i++) {
            String id = "GT-TEST-" + i;
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(id, maxParallelism, 2) == subtask) {
                return id;
            }
        }
    }

    @Test
    void shouldHoldARecordAfterMidnightForThatMidnightsReviewWhenOneWatermarkPassesBoth() throws Exception {
        registerAndWorkApril();
        harness.processWatermark(new Watermark(at("2025-06-01T12:00")));
        send(clockIn("2025-06-01T23:00"));
        send(payout("2025-06-02T00:00:01", "2025-04", 35_000)); // April's wages, one second after midnight

        harness.processWatermark(new Watermark(at("2025-06-02T01:00")));

        List<RiskSnapshot> snapshots = harness.getSideOutput(Descriptors.SNAPSHOTS).stream()
                .map(StreamRecord::getValue)
                .toList();
        assertThat(snapshots)
                .filteredOn(r -> r.time == at("2025-06-02T00:00"))
                .singleElement()
                .satisfies(midnight -> assertThat(midnight.overdueFen).isEqualTo(35_000));
        assertThat(snapshots.get(snapshots.size() - 1).overdueFen).isZero();
    }

    @Test
    void shouldNotRepeatAnAlertAfterRestoreWhenTheLevelIsUnchanged() throws Exception {
        registerAndWorkApril();
        harness.processWatermark(new Watermark(at("2025-06-01T00:00")));
        restartFromASnapshot();
        harness.processWatermark(new Watermark(at("2025-06-20T00:00")));

        assertThat(transitions()).noneMatch(t -> t.startsWith("PW05"));
        // ... while the restored monitor goes on deciding: the missing deposit's PW02 escalates on its day.
        assertThat(transitions()).containsExactly("PW02 ESCALATED RED");
    }

    @Test
    void shouldKeepNothingOfAProjectNobodyRegisteredOnceItsRecordsAreGivenUp() throws Exception {
        send(clockIn("2025-04-07T07:40"));
        harness.processWatermark(new Watermark(at("2025-04-07T12:00")));
        assertThat(harness.numKeyedStateEntries())
                .as("the clock-in waiting for its project")
                .isEqualTo(1);

        harness.processWatermark(new Watermark(at("2025-04-08T07:40")));

        assertThat(harness.getSideOutput(Descriptors.REJECTED)).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldKeepOnlyTheBookAndItsAlertsOnceTheRecordsWaitingForTheProjectAreApplied() throws Exception {
        send(clockIn("2025-04-07T07:40"));
        harness.processWatermark(new Watermark(at("2025-04-07T12:00")));

        send(ProjectFixture.project(ProjectStatus.ACTIVE, null));

        assertThat(transitions()).as("a month without a deposit").contains("PW02 RAISED YELLOW");
        assertThat(harness.numKeyedStateEntries())
                .as("the book and its alert memory, nothing of the wait")
                .isEqualTo(2);
        assertThat(book().attendedWorkers("2025-04")).containsExactly("W1");
    }

    @Test
    void shouldKeepNoAlertMemoryForAProjectWithoutAlerts() throws Exception {
        send(ProjectFixture.project(ProjectStatus.ACTIVE, null)); // registered before its start: nothing to judge yet
        harness.processWatermark(new Watermark(at("2025-02-22T12:00")));

        assertThat(book().isRegistered()).isTrue();
        assertThat(alerts()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).as("the book alone").isEqualTo(1);
    }

    @Test
    void shouldForgetAPayPeriodOnceItIsSettledAndOlderThanTheSettledHistory() throws Exception {
        harness.close();
        harness = newHarness(30);
        harness.open();
        registerAndWorkApril();
        send(payout("2025-05-10T10:00", "2025-04", 35_000)); // W1's one April day, paid in full
        harness.processWatermark(new Watermark(at("2025-05-20T00:00")));
        assertThat(book().periods()).contains("2025-04");

        harness.processWatermark(new Watermark(at("2025-06-02T00:00"))); // 30 days back lies in May

        assertThat(book().periods()).doesNotContain("2025-04");
    }

    @Test
    void shouldRememberAnUnpaidPayPeriodPastTheSettledHistory() throws Exception {
        harness.close();
        harness = newHarness(30);
        harness.open();
        registerAndWorkApril(); // and W1's April day is never paid

        harness.processWatermark(new Watermark(at("2025-08-01T00:00")));

        assertThat(book().periods()).contains("2025-04");
        assertThat(book().unpaidFen("2025-04", "W1", ProjectFixture.wages(21.75)))
                .isEqualTo(35_000);
    }
}
