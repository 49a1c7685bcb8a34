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
 * PW03 at its boundaries with the thresholds of RULES.md, set below: on a government-invested project, cumulative
 * progress payments below 80% of the cumulative completed value YELLOW, below 60% RED.
 */
class ProgressPaymentShortfallTest {
    private final ProgressPaymentShortfall rule = new ProgressPaymentShortfall(settings("PW03")
            .threshold("yellowBelowPaidShare", 0.8)
            .threshold("redBelowPaidShare", 0.6)
            .bound());

    private static ProjectFixture government() {
        return new ProjectFixture().registry("2025-02-25T09:00", p -> p.governmentInvested = true);
    }

    private static ProjectFixture marchPaid(long paymentFen) {
        return government().progress("2025-03", 40_000_000, paymentFen, "2025-03-31T18:00");
    }

    @Test
    void shouldRaiseYellowJustBelowEightyPercentPaid() {
        var findings = rule.assess(marchPaid(31_960_000).book, new AlertMemory(), at("2025-04-01T00:00"));
        assertThat(findings).containsOnlyKeys("");
        var f = findings.get("");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics())
                .containsEntry("paidShare", 0.799)
                .containsEntry("completedValueFen", 40_000_000.0)
                .containsEntry("progressPaymentFen", 31_960_000.0);
        assertThat(f.message()).contains("高台县城关镇测试工程", "400,000.00元", "319,600.00元", "79.9%", "80%", "建设单位");
    }

    @Test
    void shouldStayQuietAtExactlyEightyPercentPaid() {
        assertThat(rule.assess(marchPaid(32_000_000).book, new AlertMemory(), at("2025-04-01T00:00")))
                .isEmpty();
    }

    @Test
    void shouldStayYellowAtExactlySixtyPercentPaid() {
        assertThat(rule.assess(marchPaid(24_000_000).book, new AlertMemory(), at("2025-04-01T00:00"))
                        .get("")
                        .level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldRaiseRedJustBelowSixtyPercentPaid() {
        assertThat(rule.assess(marchPaid(23_960_000).book, new AlertMemory(), at("2025-04-01T00:00"))
                        .get("")
                        .level())
                .isEqualTo(AlertLevel.RED);
    }

    @Test
    void shouldJudgeTheCumulativeSumsOfAllReports() {
        ProjectFixture p = marchPaid(40_000_000).progress("2025-04", 40_000_000, 20_000_000, "2025-04-30T18:00");
        var f = rule.assess(p.book, p.alerts, at("2025-05-01T00:00")).get(""); // April alone 50%, both months 75%
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics()).containsEntry("paidShare", 0.75);
    }

    @Test
    void shouldClearWhenPaymentsCatchUp() {
        ProjectFixture p = marchPaid(20_000_000).progress("2025-04", 40_000_000, 44_000_000, "2025-04-30T18:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-01T00:00"))).isEmpty();
    }

    @Test
    void shouldStayQuietWhileNothingIsCompleted() {
        assertThat(rule.assess(
                        government().progress("2025-03", 0, 0, "2025-03-31T18:00").book,
                        new AlertMemory(),
                        at("2025-04-01T00:00")))
                .isEmpty();
    }

    @Test
    void shouldIgnoreAProjectThatIsNotGovernmentInvested() {
        ProjectFixture p = new ProjectFixture().progress("2025-03", 40_000_000, 0, "2025-03-31T18:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-01T00:00"))).isEmpty();
    }

    @Test
    void shouldStopJudgingASuspendedProject() {
        ProjectFixture p = marchPaid(0);
        p.registry("2025-04-01T09:00", x -> {
            x.governmentInvested = true;
            x.status = ProjectStatus.SUSPENDED;
        });
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-02T00:00"))).isEmpty();
    }
}
