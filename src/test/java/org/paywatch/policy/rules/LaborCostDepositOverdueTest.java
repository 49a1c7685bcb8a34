package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.policy.ProjectFixture;

/** PW02 at its boundaries with the thresholds of RULES.md, set below: over 31 days YELLOW, over 62 days RED. */
class LaborCostDepositOverdueTest {
    private final LaborCostDepositOverdue rule = new LaborCostDepositOverdue(settings("PW02")
            .threshold("yellowAfterDays", 31)
            .threshold("redAfterDays", 62)
            .bound());

    @Test
    void shouldStayQuietThirtyOneDaysAfterTheLastDeposit() {
        ProjectFixture p = new ProjectFixture().deposit("2025-03-03T10:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-03T23:59"))).isEmpty();
    }

    @Test
    void shouldRaiseYellowThirtyTwoDaysAfterTheLastDeposit() {
        ProjectFixture p = new ProjectFixture().deposit("2025-03-03T10:00");
        var findings = rule.assess(p.book, p.alerts, at("2025-04-04T00:00"));
        assertThat(findings).containsOnlyKeys("");
        assertThat(findings.get("").level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(findings.get("").metrics()).containsEntry("daysSinceDeposit", 32.0);
        assertThat(findings.get("").message()).contains("高台县城关镇测试工程", "32天");
    }

    @Test
    void shouldStayYellowSixtyTwoDaysAfterTheLastDeposit() {
        ProjectFixture p = new ProjectFixture().deposit("2025-03-03T10:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-04T12:00")).get("").level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldRaiseRedSixtyThreeDaysAfterTheLastDeposit() {
        ProjectFixture p = new ProjectFixture().deposit("2025-03-03T10:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-05T00:00")).get("").level())
                .isEqualTo(AlertLevel.RED);
    }

    @Test
    void shouldCountFromTheStartOfWorksWhenNothingWasEverDeposited() {
        ProjectFixture p = new ProjectFixture();
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-03T12:00"))).isEmpty();
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-04T12:00")).get("").level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldClearWhenADepositIsBooked() {
        ProjectFixture p = new ProjectFixture().deposit("2025-03-03T10:00");
        p.deposit("2025-04-20T10:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-21T00:00"))).isEmpty();
    }

    @Test
    void shouldStopJudgingASuspendedProject() {
        ProjectFixture p = new ProjectFixture()
                .deposit("2025-03-03T10:00")
                .change(ProjectStatus.SUSPENDED, null, "2025-03-20T09:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-10T00:00"))).isEmpty();
    }

    @Test
    void shouldNotJudgeAProjectBeforeItsStart() {
        ProjectFixture p = new ProjectFixture();
        assertThat(rule.assess(p.book, p.alerts, at("2025-03-02T12:00"))).isEmpty();
    }
}
