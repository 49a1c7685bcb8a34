package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ProjectFixture;

/**
 * PW12 at its boundaries with the thresholds of RULES.md, set below: a project of at least 3,000,000 yuan planned
 * for at least 3 months, started 2025-03-03 and not onboarded: YELLOW from day 30 (2 April), RED from
 * day 60 (2 May).
 */
class PlatformOnboardingOverdueTest {
    private final PlatformOnboardingOverdue rule = new PlatformOnboardingOverdue(settings("PW12")
            .threshold("minContractValueFen", 300_000_000)
            .threshold("minDurationMonths", 3)
            .threshold("yellowAtDays", 30)
            .threshold("redAtDays", 60)
            .bound());

    private static ProjectFixture notOnboarded() {
        return new ProjectFixture().registry("2025-02-25T09:00", p -> p.onboardedDate = null);
    }

    @Test
    void shouldStayQuietTwentyNineDaysAfterTheStart() {
        assertThat(rule.assess(notOnboarded().book, new AlertMemory(), at("2025-04-01T23:59")))
                .isEmpty();
    }

    @Test
    void shouldRaiseYellowThirtyDaysAfterTheStart() {
        var findings = rule.assess(notOnboarded().book, new AlertMemory(), at("2025-04-02T00:00"));
        assertThat(findings).containsOnlyKeys("");
        var f = findings.get("");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics()).containsEntry("daysSinceStart", 30.0);
        assertThat(f.message()).contains("高台县城关镇测试工程", "4,000,000.00元", "30天", "项目尚未接入平台", "总承包单位");
    }

    @Test
    void shouldStayYellowFiftyNineDaysAfterTheStart() {
        assertThat(rule.assess(notOnboarded().book, new AlertMemory(), at("2025-05-01T23:59"))
                        .get("")
                        .level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldRaiseRedSixtyDaysAfterTheStart() {
        assertThat(rule.assess(notOnboarded().book, new AlertMemory(), at("2025-05-02T00:00"))
                        .get("")
                        .level())
                .isEqualTo(AlertLevel.RED);
    }

    @Test
    void shouldCountAnUnboundAccountAsNotOnboarded() {
        ProjectFixture p = new ProjectFixture().registry("2025-02-25T09:00", x -> x.payrollAccountNo = null);
        var f = rule.assess(p.book, p.alerts, at("2025-04-02T00:00")).get("");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.message()).contains("专用账户尚未开设绑定");
    }

    @Test
    void shouldCountAnOnboardingDateStillToComeAsNotOnboarded() {
        ProjectFixture p =
                new ProjectFixture().registry("2025-02-25T09:00", x -> x.onboardedDate = LocalDate.of(2025, 4, 10));
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-02T00:00"))).containsKey("");
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-10T00:00"))).isEmpty();
    }

    @Test
    void shouldClearOnceOnboarded() {
        ProjectFixture p = notOnboarded().registry("2025-05-06T10:00", x -> x.onboardedDate = LocalDate.of(2025, 5, 6));
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-06T10:00"))).isEmpty();
    }

    @Test
    void shouldExemptAContractJustBelowThreeMillionYuan() {
        ProjectFixture p = new ProjectFixture().registry("2025-02-25T09:00", x -> {
            x.onboardedDate = null;
            x.contractValueFen = 299_999_999L;
        });
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-02T00:00"))).isEmpty();
    }

    @Test
    void shouldJudgeAContractOfExactlyThreeMillionYuan() {
        ProjectFixture p = new ProjectFixture().registry("2025-02-25T09:00", x -> {
            x.onboardedDate = null;
            x.contractValueFen = 300_000_000L;
        });
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-02T00:00")).get("").level())
                .isEqualTo(AlertLevel.RED);
    }

    /** Both days counted (RULES.md, Definitions): 3 March to 1 June is three months less a day. */
    @Test
    void shouldExemptAProjectPlannedForJustUnderThreeMonths() {
        ProjectFixture p = new ProjectFixture().registry("2025-02-25T09:00", x -> {
            x.onboardedDate = null;
            x.plannedEndDate = LocalDate.of(2025, 6, 1);
        });
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-02T00:00"))).isEmpty();
    }

    /** 3 March to 2 June, both days counted, is exactly three months: 工期3个月以上 includes three. */
    @Test
    void shouldJudgeAProjectPlannedForExactlyThreeMonths() {
        ProjectFixture p = new ProjectFixture().registry("2025-02-25T09:00", x -> {
            x.onboardedDate = null;
            x.plannedEndDate = LocalDate.of(2025, 6, 2);
        });
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-02T00:00")).get("").level())
                .isEqualTo(AlertLevel.RED);
    }

    /** The Definitions' own example: works planned from 1 January to 31 March last three months. */
    @Test
    void shouldJudgeAProjectPlannedFromTheFirstOfJanuaryToTheEndOfMarch() {
        ProjectFixture p = new ProjectFixture().registry("2025-02-25T09:00", x -> {
            x.onboardedDate = null;
            x.startDate = LocalDate.of(2025, 1, 1);
            x.plannedEndDate = LocalDate.of(2025, 3, 31);
        });
        assertThat(rule.assess(p.book, p.alerts, at("2025-01-31T00:00")).get("").level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldStopJudgingASuspendedProject() {
        ProjectFixture p = notOnboarded();
        p.registry("2025-03-20T09:00", x -> {
            x.onboardedDate = null;
            x.status = ProjectStatus.SUSPENDED;
        });
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-02T00:00"))).isEmpty();
    }
}
