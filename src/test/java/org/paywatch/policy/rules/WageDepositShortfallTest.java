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
 * PW13 at its boundaries with the thresholds of RULES.md, set below: a project of 4,000,000 yuan started 2025-03-03
 * must hold a wage deposit of at least 1% (40,000 yuan); short of it, YELLOW from day 30 (2 April).
 * Contracts under 3,000,000 yuan are exempt.
 */
class WageDepositShortfallTest {
    private final WageDepositShortfall rule = new WageDepositShortfall(settings("PW13")
            .threshold("minShareOfContract", 0.01)
            .threshold("exemptBelowContractValueFen", 300_000_000)
            .threshold("yellowAtDays", 30)
            .bound());

    private static ProjectFixture deposit(long contractFen, long depositFen) {
        return new ProjectFixture().registry("2025-02-25T09:00", p -> {
            p.contractValueFen = contractFen;
            p.wageDepositFen = depositFen;
        });
    }

    @Test
    void shouldStayQuietTwentyNineDaysAfterTheStart() {
        assertThat(rule.assess(deposit(400_000_000, 0).book, new AlertMemory(), at("2025-04-01T23:59")))
                .isEmpty();
    }

    @Test
    void shouldRaiseYellowThirtyDaysAfterTheStartJustBelowOnePercent() {
        var findings = rule.assess(deposit(400_000_000, 3_999_999).book, new AlertMemory(), at("2025-04-02T00:00"));
        assertThat(findings).containsOnlyKeys("");
        var f = findings.get("");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics())
                .containsEntry("wageDepositFen", 3_999_999.0)
                .containsEntry("requiredFen", 4_000_000.0)
                .containsEntry("daysSinceStart", 30.0);
        assertThat(f.message()).contains("高台县城关镇测试工程", "39,999.99元", "40,000.00元", "1%", "30天", "总承包单位");
    }

    @Test
    void shouldStayQuietAtExactlyOnePercent() {
        assertThat(rule.assess(deposit(400_000_000, 4_000_000).book, new AlertMemory(), at("2025-04-02T00:00")))
                .isEmpty();
    }

    @Test
    void shouldStayYellowLongAfterTheStart() {
        assertThat(rule.assess(deposit(400_000_000, 0).book, new AlertMemory(), at("2025-09-01T00:00"))
                        .get("")
                        .level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldExemptAContractJustBelowThreeMillionYuan() {
        assertThat(rule.assess(deposit(299_999_999, 0).book, new AlertMemory(), at("2025-04-02T00:00")))
                .isEmpty();
    }

    @Test
    void shouldJudgeAContractOfExactlyThreeMillionYuan() {
        assertThat(rule.assess(deposit(300_000_000, 2_999_999).book, new AlertMemory(), at("2025-04-02T00:00"))
                        .get("")
                        .level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldClearOnceTheDepositIsToppedUp() {
        ProjectFixture p = deposit(400_000_000, 0).registry("2025-04-15T10:00", x -> x.wageDepositFen = 4_000_000);
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-15T10:00"))).isEmpty();
    }

    @Test
    void shouldStopJudgingASuspendedProject() {
        ProjectFixture p = deposit(400_000_000, 0);
        p.registry("2025-03-20T09:00", x -> {
            x.wageDepositFen = 0;
            x.status = ProjectStatus.SUSPENDED;
        });
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-02T00:00"))).isEmpty();
    }
}
