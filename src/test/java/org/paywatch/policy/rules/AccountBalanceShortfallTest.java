package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ProjectFixture;

/**
 * PW04 at its boundaries with the thresholds of RULES.md, set below: the balance below the accrued, unpaid wages of
 * ended months YELLOW, below half of them RED; otherwise, at the average daily payout of the 60 days
 * before today, a balance lasting under 15 days BLUE.
 */
class AccountBalanceShortfallTest {
    private final AccountBalanceShortfall rule = new AccountBalanceShortfall(
            settings("PW04")
                    .threshold("yellowBelowCover", 1.0)
                    .threshold("redBelowCover", 0.5)
                    .threshold("forecastWindowDays", 60)
                    .threshold("blueBelowDaysOfPayouts", 15)
                    .bound(),
            ProjectFixture.wages(21.75));

    /** Three workers at 350 yuan worked ten April days: 10,500 yuan accrued, nothing paid yet. */
    private static ProjectFixture aprilOwedWith(long depositFen) {
        return new ProjectFixture()
                .deposit("2025-04-03T10:00", depositFen)
                .crew(
                        3,
                        "2025-04-07",
                        "2025-04-08",
                        "2025-04-09",
                        "2025-04-10",
                        "2025-04-11",
                        "2025-04-14",
                        "2025-04-15",
                        "2025-04-16",
                        "2025-04-17",
                        "2025-04-18");
    }

    /** One payout of 60,000 yuan on 10 April (100,000 fen a day over 60 days), leaving the rest of the deposit. */
    private static ProjectFixture paidOutLeaving(long balanceFen) {
        return new ProjectFixture()
                .deposit("2025-03-03T10:00", 6_000_000 + balanceFen)
                .payout("2025-04-10T11:00", "W1", "2025-03", 6_000_000);
    }

    @Test
    void shouldRaiseYellowJustBelowTheUnpaidWagesOfEndedMonths() {
        var findings = rule.assess(aprilOwedWith(1_049_999).book, new AlertMemory(), at("2025-05-02T00:00"));
        assertThat(findings).containsOnlyKeys("");
        var f = findings.get("");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics()).containsEntry("balanceFen", 1_049_999.0).containsEntry("unpaidClosedFen", 1_050_000.0);
        assertThat(f.message()).contains("高台县城关镇测试工程", "10,499.99元", "10,500.00元", "建设单位");
    }

    @Test
    void shouldStayQuietWhenTheBalanceCoversExactlyTheUnpaidWages() {
        assertThat(rule.assess(aprilOwedWith(1_050_000).book, new AlertMemory(), at("2025-05-02T00:00")))
                .isEmpty();
    }

    @Test
    void shouldStayYellowAtExactlyHalfTheUnpaidWages() {
        assertThat(rule.assess(aprilOwedWith(525_000).book, new AlertMemory(), at("2025-05-02T00:00"))
                        .get("")
                        .level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldRaiseRedJustBelowHalfTheUnpaidWages() {
        var f = rule.assess(aprilOwedWith(524_999).book, new AlertMemory(), at("2025-05-02T00:00"))
                .get("");
        assertThat(f.level()).isEqualTo(AlertLevel.RED);
        assertThat(f.metrics().get("cover")).isLessThan(0.5);
    }

    @Test
    void shouldNotCountTheWagesOfTheCurrentMonth() {
        assertThat(rule.assess(aprilOwedWith(0).book, new AlertMemory(), at("2025-04-30T23:59")))
                .isEmpty();
    }

    @Test
    void shouldCountOnlyWhatIsStillUnpaid() {
        ProjectFixture p = aprilOwedWith(300_000)
                .payout("2025-05-06T11:00", "W1", "2025-04", 350_000)
                .payout(
                        "2025-05-06T11:00",
                        "W2",
                        "2025-04",
                        350_000); // 3,500 yuan still owed, 3,000 - 7,000 on the account
        var f = rule.assess(p.book, p.alerts, at("2025-05-07T00:00")).get("");
        assertThat(f.metrics()).containsEntry("unpaidClosedFen", 350_000.0).containsEntry("balanceFen", -400_000.0);
        assertThat(f.level()).isEqualTo(AlertLevel.RED);
    }

    @Test
    void shouldRaiseBlueWhenTheBalanceLastsJustUnderFifteenDaysOfPayouts() {
        var f = rule.assess(paidOutLeaving(1_499_999).book, new AlertMemory(), at("2025-05-01T00:00"))
                .get("");
        assertThat(f.level()).isEqualTo(AlertLevel.BLUE);
        assertThat(f.metrics()).containsEntry("dailyPayoutFen", 100_000.0).containsEntry("balanceFen", 1_499_999.0);
        assertThat(f.metrics().get("daysOfPayouts")).isLessThan(15.0);
        assertThat(f.message()).contains("60天", "1,000.00元", "15天");
    }

    @Test
    void shouldStayQuietWhenTheBalanceLastsExactlyFifteenDaysOfPayouts() {
        assertThat(rule.assess(paidOutLeaving(1_500_000).book, new AlertMemory(), at("2025-05-01T00:00")))
                .isEmpty();
    }

    @Test
    void shouldLeaveTodaysPayoutsOutOfTheRate() {
        assertThat(rule.assess(paidOutLeaving(1_000_000).book, new AlertMemory(), at("2025-04-10T23:59")))
                .isEmpty();
        assertThat(rule.assess(paidOutLeaving(1_000_000).book, new AlertMemory(), at("2025-04-11T00:00")))
                .containsKey("");
    }

    @Test
    void shouldForgetPayoutsOlderThanTheWindow() {
        assertThat(rule.assess(paidOutLeaving(1_000_000).book, new AlertMemory(), at("2025-06-09T12:00")))
                .containsKey("");
        assertThat(rule.assess(paidOutLeaving(1_000_000).book, new AlertMemory(), at("2025-06-10T00:00")))
                .isEmpty();
    }

    @Test
    void shouldNotForecastBeforeTheFirstPayout() {
        assertThat(rule.assess(
                        new ProjectFixture().deposit("2025-03-03T10:00", 1).book,
                        new AlertMemory(),
                        at("2025-05-01T00:00")))
                .isEmpty();
    }

    @Test
    void shouldIgnoreAProjectWithoutAnAccount() {
        ProjectFixture p = aprilOwedWith(0).registry("2025-04-20T09:00", x -> x.payrollAccountNo = null);
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-02T00:00"))).isEmpty();
    }

    @Test
    void shouldStopJudgingASuspendedProject() {
        ProjectFixture p = aprilOwedWith(0).change(ProjectStatus.SUSPENDED, null, "2025-04-20T09:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-02T00:00"))).isEmpty();
    }

    @Test
    void shouldReactToTheBankAndTheRegistryButNotToClockIns() {
        assertThat(rule.reactsTo(Feed.BANK)).isTrue();
        assertThat(rule.reactsTo(Feed.PROJECTS)).isTrue();
        assertThat(rule.reactsTo(Feed.CLOCKINS)).isFalse();
    }
}
