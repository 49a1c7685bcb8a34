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
 * PW09 at its boundaries with the thresholds of RULES.md, set below: W1 works 2–13 June 2025 (12 days, 4,200 yuan
 * accrued) and leaves; W2 keeps working. Owed more than 7 days after the exit (or the last clock-in,
 * once 30 days have passed without one) YELLOW, more than 30 days RED.
 */
class DepartedWorkerUnsettledTest {
    private final DepartedWorkerUnsettled rule = new DepartedWorkerUnsettled(
            settings("PW09")
                    .threshold("absentDays", 30)
                    .threshold("yellowAfterDays", 7)
                    .threshold("redAfterDays", 30)
                    .bound(),
            ProjectFixture.wages(21.75));

    private static ProjectFixture w1LeftOnThirteenthOfJune(boolean withExitDate) {
        ProjectFixture p = new ProjectFixture()
                .register("W1", 35_000)
                .register("W2", 35_000)
                .clockInDays("W1", "2025-06-02", "2025-06-13")
                .clockInDays("W2", "2025-06-02", "2025-07-31");
        return withExitDate ? p.exit("W1", "2025-06-13", "2025-06-13T18:00") : p;
    }

    @Test
    void shouldReactToTheRegistryAndTheBank() {
        assertThat(rule.reactsTo(Feed.WORKERS)).isTrue();
        assertThat(rule.reactsTo(Feed.BANK)).isTrue();
        assertThat(rule.reactsTo(Feed.TAX)).isFalse();
    }

    @Test
    void shouldStayQuietSevenDaysAfterTheExitDate() {
        assertThat(rule.assess(w1LeftOnThirteenthOfJune(true).book, new AlertMemory(), at("2025-06-20T23:59")))
                .isEmpty();
    }

    @Test
    void shouldRaiseYellowEightDaysAfterTheExitDate() {
        var findings = rule.assess(w1LeftOnThirteenthOfJune(true).book, new AlertMemory(), at("2025-06-21T00:00"));
        assertThat(findings).containsOnlyKeys("W1");
        var f = findings.get("W1");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics())
                .containsEntry("daysSinceDeparture", 8.0)
                .containsEntry("unpaidAmountFen", 420_000.0)
                .containsEntry("hasExitDate", 1.0);
        assertThat(f.message())
                .startsWith("高台县城关镇测试工程")
                .contains("2025-06-13退场", "4,200.00元", "总承包单位")
                .doesNotContain("W1");
    }

    @Test
    void shouldStayYellowThirtyDaysAfterTheExitDate() {
        assertThat(rule.assess(w1LeftOnThirteenthOfJune(true).book, new AlertMemory(), at("2025-07-13T12:00"))
                        .get("W1")
                        .level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldRaiseRedThirtyOneDaysAfterTheExitDate() {
        assertThat(rule.assess(w1LeftOnThirteenthOfJune(true).book, new AlertMemory(), at("2025-07-14T00:00"))
                        .get("W1")
                        .level())
                .isEqualTo(AlertLevel.RED);
    }

    @Test
    void shouldStayOpenWhileOneFenIsOwedAndClearWhenSettled() {
        ProjectFixture p = w1LeftOnThirteenthOfJune(true).payout("2025-06-25T10:00", "W1", "2025-06", 419_999);
        assertThat(rule.assess(p.book, p.alerts, at("2025-06-25T10:00"))
                        .get("W1")
                        .metrics())
                .containsEntry("unpaidAmountFen", 1.0);
        p.payout("2025-06-26T10:00", "W1", "2025-06", 1);
        assertThat(rule.assess(p.book, p.alerts, at("2025-06-26T10:00"))).isEmpty();
    }

    @Test
    void shouldNotTreatAWorkerAbsentTwentyNineDaysAsDeparted() {
        assertThat(rule.assess(w1LeftOnThirteenthOfJune(false).book, new AlertMemory(), at("2025-07-12T12:00")))
                .isEmpty();
    }

    @Test
    void shouldRaiseYellowForAWorkerAbsentThirtyDaysThenRedTheDayAfter() {
        var f = rule.assess(w1LeftOnThirteenthOfJune(false).book, new AlertMemory(), at("2025-07-13T00:00"))
                .get("W1");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics()).containsEntry("daysSinceDeparture", 30.0).containsEntry("hasExitDate", 0.0);
        assertThat(f.message()).contains("2025-06-13最后一次考勤", "视同退场");
        assertThat(rule.assess(w1LeftOnThirteenthOfJune(false).book, new AlertMemory(), at("2025-07-14T00:00"))
                        .get("W1")
                        .level())
                .isEqualTo(AlertLevel.RED);
    }

    @Test
    void shouldIgnoreAWorkerStillOnSiteThoughUnpaid() {
        assertThat(rule.assess(w1LeftOnThirteenthOfJune(true).book, new AlertMemory(), at("2025-07-20T00:00")))
                .doesNotContainKey("W2");
    }

    @Test
    void shouldFollowWagesOwedOnACompletedProject() {
        ProjectFixture p = w1LeftOnThirteenthOfJune(true).change(ProjectStatus.COMPLETED, null, "2025-06-30T18:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-07-14T00:00"))
                        .get("W1")
                        .level())
                .isEqualTo(AlertLevel.RED);
    }
}
