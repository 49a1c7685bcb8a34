package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ProjectFixture;

/**
 * PW07 at its boundaries with the minimum wage set below, RULES.md's default tier: 1,910 yuan a month. Three
 * workers attend 29 days of May 2025: pro-rated, each must get 191000 x 29 / 21.75 = 254,666.67 fen;
 * together 87 days, so a per-capita full-month pay of exactly 1,910 yuan is 764,000 fen in all.
 */
class WagesBelowMinimumTest {
    private static final long JUDGED = at("2025-06-11T00:00"); // the end of the payroll day, 10 June

    private final WagesBelowMinimum rule = new WagesBelowMinimum(
            settings("PW07").table("minimumWageFen", "default", 191_000).bound(), ProjectFixture.wages(21.75));

    private static ProjectFixture mayPaid(long w1, long w2, long w3) {
        ProjectFixture p = new ProjectFixture();
        long[] pay = {w1, w2, w3};
        for (int i = 1; i <= 3; i++) {
            p.register("W" + i, 35_000).clockInDays("W" + i, "2025-05-01", "2025-05-29");
            if (pay[i - 1] > 0) {
                p.payout("2025-06-10T11:00", "W" + i, "2025-05", pay[i - 1]);
            }
        }
        return p;
    }

    @Test
    void shouldBeJudgedOnlyAtTheDailyReview() {
        for (Feed feed : Feed.values()) {
            assertThat(rule.reactsTo(feed)).as(feed.name()).isFalse();
        }
    }

    @Test
    void shouldStayQuietWhenEveryWorkerGetsTheProRatedMinimum() {
        assertThat(rule.assess(mayPaid(254_667, 254_667, 254_667).book, new AlertMemory(), JUDGED))
                .isEmpty();
    }

    @Test
    void shouldRaiseYellowForAWorkerOneFenBelowTheProRatedMinimum() {
        var f = rule.assess(mayPaid(254_666, 400_000, 400_000).book, new AlertMemory(), JUDGED)
                .get("2025-05");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics())
                .containsEntry("paidWorkers", 3.0)
                .containsEntry("belowMinimumWorkers", 1.0)
                .containsEntry("minimumWageFen", 191_000.0)
                .containsEntry("shortfallFen", 1.0);
        assertThat(f.message())
                .startsWith("高台县城关镇测试工程")
                .contains("2025-05", "1,910.00元", "折合满月1,909.99元", "0.01元", "总承包单位");
    }

    @Test
    void shouldStayYellowNotRedAtExactlyTheMinimumWagePerCapita() {
        var f = rule.assess(mayPaid(254_667, 254_667, 254_666).book, new AlertMemory(), JUDGED)
                .get("2025-05");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics()).containsEntry("perCapitaMonthlyPayFen", 191_000.0);
    }

    @Test
    void shouldRaiseRedOneFenBelowTheMinimumWagePerCapita() {
        var f = rule.assess(mayPaid(254_667, 254_667, 254_665).book, new AlertMemory(), JUDGED)
                .get("2025-05");
        assertThat(f.level()).isEqualTo(AlertLevel.RED);
        assertThat(f.message()).contains("人均月工资", "低于最低工资标准1,910.00元");
    }

    @Test
    void shouldJudgeOnlyTheWorkersPaidForThePeriod() {
        // W3 attended and got nothing: that is PW06's business, not a pay below the minimum
        assertThat(rule.assess(mayPaid(300_000, 300_000, 0).book, new AlertMemory(), JUDGED))
                .isEmpty();
    }

    @Test
    void shouldLeaveOutAWorkerWhosePayoutWasReturned() {
        ProjectFixture p = mayPaid(300_000, 300_000, 100_000)
                .bank(BankTransactionType.PAYOUT_RETURNED, "2025-06-10T16:00", 100_000, "W3", "2025-05");
        assertThat(rule.assess(p.book, p.alerts, JUDGED)).isEmpty();
    }

    @Test
    void shouldClearWhenATopUpBringsEveryoneToTheMinimum() {
        ProjectFixture p = mayPaid(254_666, 400_000, 400_000).payout("2025-06-12T09:00", "W1", "2025-05", 1);
        assertThat(rule.assess(p.book, p.alerts, at("2025-06-13T00:00"))).isEmpty();
    }

    @Test
    void shouldProRateAShortMonthByAttendedDays() {
        ProjectFixture p = new ProjectFixture()
                .register("W1", 35_000)
                .clockInDays("W1", "2025-05-05", "2025-05-14")
                .payout("2025-06-10T11:00", "W1", "2025-05", 87_816); // 10 days: 191000 x 10 / 21.75 = 87,816.09
        assertThat(rule.assess(p.book, p.alerts, JUDGED).get("2025-05").level()).isEqualTo(AlertLevel.RED);
        p.payout("2025-06-10T12:00", "W1", "2025-05", 1);
        assertThat(rule.assess(p.book, p.alerts, JUDGED)).isEmpty();
    }

    @Test
    void shouldUseTheMinimumWageOfTheProjectsTown() {
        WagesBelowMinimum firstTier = new WagesBelowMinimum(
                settings("PW07")
                        .table("minimumWageFen", "default", 191_000)
                        .table("minimumWageFen", "城关镇", 202_000)
                        .bound(),
                ProjectFixture.wages(21.75));
        var f = firstTier
                .assess(mayPaid(254_667, 254_667, 254_667).book, new AlertMemory(), JUDGED)
                .get("2025-05");
        assertThat(f.level()).isEqualTo(AlertLevel.RED);
        assertThat(f.metrics()).containsEntry("minimumWageFen", 202_000.0);
    }

    @Test
    void shouldStopOnASuspendedProject() {
        ProjectFixture p = mayPaid(100_000, 100_000, 100_000).change(ProjectStatus.SUSPENDED, null, "2025-06-01T09:00");
        assertThat(rule.assess(p.book, p.alerts, JUDGED)).isEmpty();
    }
}
