package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ProjectFixture;

/**
 * PW05 at its boundaries with the thresholds of RULES.md, set below. April's wages are due on 31 May (no pay day):
 * BLUE from 26 May, YELLOW from 1 June (past due), RED from 1 July (more than 30 days past due).
 */
class WagesNotPaidMonthlyTest {
    private final WagesNotPaidMonthly rule = new WagesNotPaidMonthly(
            settings("PW05")
                    .threshold("blueDaysBeforeDue", 5)
                    .threshold("redDaysPastDue", 30)
                    .bound(),
            ProjectFixture.wages(21.75));

    private ProjectFixture aprilWorked() {
        return new ProjectFixture().crew(3, "2025-04-07", "2025-04-08");
    }

    @Test
    void shouldStayQuietSixDaysBeforeTheDueDate() {
        assertThat(rule.assess(aprilWorked().book, new AlertMemory(), at("2025-05-25T23:59")))
                .isEmpty();
    }

    @Test
    void shouldRaiseBlueFiveDaysBeforeTheDueDate() {
        var f = rule.assess(aprilWorked().book, new AlertMemory(), at("2025-05-26T00:00"))
                .get("2025-04");
        assertThat(f.level()).isEqualTo(AlertLevel.BLUE);
        assertThat(f.metrics())
                .containsEntry("unpaidWorkers", 3.0)
                .containsEntry("unpaidAmountFen", 210_000.0)
                .containsEntry("daysPastDue", 0.0);
    }

    @Test
    void shouldStayBlueOnTheDueDate() {
        assertThat(rule.assess(aprilWorked().book, new AlertMemory(), at("2025-05-31T23:59"))
                        .get("2025-04")
                        .level())
                .isEqualTo(AlertLevel.BLUE);
    }

    @Test
    void shouldRaiseYellowOneDayPastDue() {
        var f = rule.assess(aprilWorked().book, new AlertMemory(), at("2025-06-01T00:00"))
                .get("2025-04");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics()).containsEntry("daysPastDue", 1.0);
        assertThat(f.message()).contains("2025-04", "逾期1天", "3名工人", "2,100.00元");
    }

    @Test
    void shouldStayYellowThirtyDaysPastDue() {
        assertThat(rule.assess(aprilWorked().book, new AlertMemory(), at("2025-06-30T12:00"))
                        .get("2025-04")
                        .level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldRaiseRedThirtyOneDaysPastDue() {
        assertThat(rule.assess(aprilWorked().book, new AlertMemory(), at("2025-07-01T00:00"))
                        .get("2025-04")
                        .level())
                .isEqualTo(AlertLevel.RED);
    }

    @Test
    void shouldClearOnTheFirstPayoutForThePeriod() {
        ProjectFixture p = aprilWorked().payout("2025-06-05T11:00", "W1", "2025-04", 70_000);
        assertThat(rule.assess(p.book, p.alerts, at("2025-06-06T00:00"))).isEmpty();
    }

    @Test
    void shouldTakeAPayoutWithoutWagePeriodAsForTheMonthBeforeItsBooking() {
        ProjectFixture p = aprilWorked().payout("2025-05-10T11:00", "W1", null, 70_000);
        assertThat(rule.assess(p.book, p.alerts, at("2025-06-06T00:00"))).isEmpty();
    }

    @Test
    void shouldUseTheProjectsPayDayClampedToTheMonth() {
        ProjectFixture p = new ProjectFixture()
                .change(ProjectStatus.ACTIVE, 31, "2025-03-01T00:00")
                .crew(1, "2025-01-15"); // January's wages: pay day 31 falls on 28 February
        assertThat(rule.assess(p.book, p.alerts, at("2025-02-28T12:00"))
                        .get("2025-01")
                        .level())
                .isEqualTo(AlertLevel.BLUE);
        assertThat(rule.assess(p.book, p.alerts, at("2025-03-01T00:00"))
                        .get("2025-01")
                        .level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldFollowWagesOwedOnACompletedProject() {
        ProjectFixture p = aprilWorked().change(ProjectStatus.COMPLETED, null, "2025-04-30T18:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-06-02T00:00"))
                        .get("2025-04")
                        .level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldIgnoreAMonthWithoutAttendance() {
        assertThat(rule.assess(new ProjectFixture().book, new AlertMemory(), at("2025-07-01T00:00")))
                .isEmpty();
    }
}
