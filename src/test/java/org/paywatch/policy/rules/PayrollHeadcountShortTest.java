package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ProjectFixture;

/** PW06 at its boundaries with the threshold of RULES.md, set below: any attended worker unpaid YELLOW, above 10% RED. */
class PayrollHeadcountShortTest {
    private final PayrollHeadcountShort rule = new PayrollHeadcountShort(
            settings("PW06").threshold("redUnpaidShare", 0.10).bound(), ProjectFixture.wages(21.75));

    /** Ten workers attend April; the first {@code paid} of them are paid on 10 May. */
    private ProjectFixture tenWorkedAndPaid(int paid) {
        ProjectFixture p = new ProjectFixture().crew(10, "2025-04-07");
        for (int i = 1; i <= paid; i++) {
            p.payout("2025-05-10T11:00", "W" + i, "2025-04", 35_000);
        }
        return p;
    }

    @Test
    void shouldStayQuietWhenEveryAttendedWorkerIsPaid() {
        assertThat(rule.assess(tenWorkedAndPaid(10).book, new AlertMemory(), at("2025-06-01T00:00")))
                .isEmpty();
    }

    @Test
    void shouldNotJudgeBeforeThePeriodIsPastDue() {
        assertThat(rule.assess(tenWorkedAndPaid(5).book, new AlertMemory(), at("2025-05-31T23:59")))
                .isEmpty();
    }

    @Test
    void shouldRaiseYellowWhenTenPercentAreUnpaid() {
        var f = rule.assess(tenWorkedAndPaid(9).book, new AlertMemory(), at("2025-06-01T00:00"))
                .get("2025-04");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics())
                .containsEntry("unpaidWorkers", 1.0)
                .containsEntry("attendedWorkers", 10.0)
                .containsEntry("unpaidShare", 0.1);
    }

    @Test
    void shouldRaiseRedAboveTenPercentUnpaid() {
        assertThat(rule.assess(tenWorkedAndPaid(8).book, new AlertMemory(), at("2025-06-01T00:00"))
                        .get("2025-04")
                        .level())
                .isEqualTo(AlertLevel.RED);
    }

    @Test
    void shouldCountAReturnedPayoutAsUnpaid() {
        ProjectFixture p = tenWorkedAndPaid(10)
                .bank(BankTransactionType.PAYOUT_RETURNED, "2025-05-12T09:00", 35_000, "W10", "2025-04");
        assertThat(rule.assess(p.book, p.alerts, at("2025-06-01T00:00"))
                        .get("2025-04")
                        .level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldClearWhenTheLastUnpaidWorkerIsPaidLate() {
        ProjectFixture p = tenWorkedAndPaid(8);
        p.payout("2025-06-03T11:00", "W9", "2025-04", 35_000).payout("2025-06-03T11:00", "W10", "2025-04", 35_000);
        assertThat(rule.assess(p.book, p.alerts, at("2025-06-03T12:00"))).isEmpty();
    }

    @Test
    void shouldLeaveAPeriodWithoutAnyPayoutToPw05() {
        assertThat(rule.assess(tenWorkedAndPaid(0).book, new AlertMemory(), at("2025-06-10T00:00")))
                .isEmpty();
    }
}
