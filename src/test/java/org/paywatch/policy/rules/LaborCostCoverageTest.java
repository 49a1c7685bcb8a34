package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.ProjectCategory;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ProjectFixture;

/**
 * PW01 at its boundaries with the thresholds of RULES.md, set below. The fixture is a HOUSING project (ratio 30%) of
 * 4,000,000 yuan planned from March to December (10 months): 120,000 yuan a month by the contract, and
 * 30% of the completed value once the month's progress report is in. Coverage below 100% BLUE, below
 * 80% YELLOW, below 100% in two consecutive months RED.
 */
class LaborCostCoverageTest {
    private final LaborCostCoverage rule = new LaborCostCoverage(settings("PW01")
            .threshold("blueBelowCoverage", 1.0)
            .threshold("yellowBelowCoverage", 0.8)
            .table("laborCostRatio", "HOUSING", 0.30)
            .table("laborCostRatio", "TRANSPORT", 0.15)
            .table("laborCostRatio", "default", 0.15)
            .bound());

    /** March fully covered and reported (40,000,000 fen completed); April reported with the same value. */
    private ProjectFixture aprilDeposited(long fen) {
        return new ProjectFixture()
                .deposit("2025-03-03T10:00", 12_000_000)
                .progress("2025-03", 40_000_000, 0, "2025-03-31T18:00")
                .deposit("2025-04-03T10:00", fen)
                .progress("2025-04", 40_000_000, 0, "2025-04-30T18:00");
    }

    @Test
    void shouldNotJudgeAMonthBeforeItHasEnded() {
        assertThat(rule.assess(aprilDeposited(0).book, new AlertMemory(), at("2025-04-30T23:59")))
                .isEmpty();
    }

    @Test
    void shouldRaiseYellowAtSeventyNinePercentCoverage() {
        var findings = rule.assess(aprilDeposited(9_480_000).book, new AlertMemory(), at("2025-05-01T00:00"));
        assertThat(findings).containsOnlyKeys("2025-04");
        var f = findings.get("2025-04");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics())
                .containsEntry("coverage", 0.79)
                .containsEntry("depositedFen", 9_480_000.0)
                .containsEntry("requiredFen", 12_000_000.0);
        assertThat(f.message()).contains("高台县城关镇测试工程", "2025-04", "94,800.00元", "120,000.00元", "79%", "建设单位");
    }

    @Test
    void shouldRaiseBlueAtExactlyEightyPercentCoverage() {
        var f = rule.assess(aprilDeposited(9_600_000).book, new AlertMemory(), at("2025-05-01T00:00"))
                .get("2025-04");
        assertThat(f.level()).isEqualTo(AlertLevel.BLUE);
    }

    @Test
    void shouldRaiseBlueAtNinetyNinePercentCoverage() {
        var f = rule.assess(aprilDeposited(11_880_000).book, new AlertMemory(), at("2025-05-01T00:00"))
                .get("2025-04");
        assertThat(f.level()).isEqualTo(AlertLevel.BLUE);
    }

    @Test
    void shouldStayQuietAtExactlyOneHundredPercent() {
        assertThat(rule.assess(aprilDeposited(12_000_000).book, new AlertMemory(), at("2025-05-01T00:00")))
                .isEmpty();
    }

    @Test
    void shouldRaiseRedWhenTwoConsecutiveMonthsAreShort() {
        ProjectFixture p = new ProjectFixture()
                .deposit("2025-03-03T10:00", 11_880_000)
                .progress("2025-03", 40_000_000, 0, "2025-03-31T18:00")
                .deposit("2025-04-03T10:00", 11_880_000)
                .progress("2025-04", 40_000_000, 0, "2025-04-30T18:00");
        var findings = rule.assess(p.book, p.alerts, at("2025-05-01T00:00"));
        assertThat(findings.get("2025-03").level()).isEqualTo(AlertLevel.BLUE);
        assertThat(findings.get("2025-04").level()).isEqualTo(AlertLevel.RED);
        assertThat(findings.get("2025-04").message()).contains("连续两个月");
    }

    @Test
    void shouldNotRaiseRedForAFullMonthAfterAShortOne() {
        ProjectFixture p = new ProjectFixture()
                .deposit("2025-03-03T10:00", 6_000_000)
                .progress("2025-03", 40_000_000, 0, "2025-03-31T18:00")
                .deposit("2025-04-03T10:00", 12_000_000)
                .progress("2025-04", 40_000_000, 0, "2025-04-30T18:00");
        var findings = rule.assess(p.book, p.alerts, at("2025-05-01T00:00"));
        assertThat(findings).containsOnlyKeys("2025-03");
        assertThat(findings.get("2025-03").level()).isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldJudgeEveryEndedMonthFromTheStartMonth() {
        var findings = rule.assess(new ProjectFixture().book, new AlertMemory(), at("2025-05-15T12:00"));
        assertThat(findings).containsOnlyKeys("2025-03", "2025-04");
        assertThat(findings.get("2025-03").level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(findings.get("2025-04").level()).isEqualTo(AlertLevel.RED);
    }

    @Test
    void shouldRequireTheContractShareOfThePlannedMonthsWhileNoReportHasArrived() {
        ProjectFixture p = new ProjectFixture().deposit("2025-03-03T10:00", 9_480_000);
        var f = rule.assess(p.book, p.alerts, at("2025-04-01T00:00")).get("2025-03");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics()).containsEntry("requiredFen", 12_000_000.0).containsEntry("coverage", 0.79);
        assertThat(f.message()).contains("尚无当月进度报告");
    }

    @Test
    void shouldUseTheProgressReportOnceItArrives() {
        ProjectFixture p = new ProjectFixture().deposit("2025-03-03T10:00", 9_480_000);
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-01T00:00"))).containsKey("2025-03");
        p.progress("2025-03", 30_000_000, 0, "2025-04-08T18:00"); // late: 30% of it is 90,000 yuan
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-08T18:00"))).isEmpty();
    }

    @Test
    void shouldRaiseTheLevelWhenALateReportShowsMoreWorkDone() {
        ProjectFixture p = new ProjectFixture().deposit("2025-03-03T10:00", 12_000_000);
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-01T00:00"))).isEmpty();
        p.progress("2025-03", 50_000_000, 0, "2025-04-08T18:00"); // requires 150,000 yuan: 80% covered
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-08T18:00"))
                        .get("2025-03")
                        .level())
                .isEqualTo(AlertLevel.BLUE);
    }

    @Test
    void shouldApplyTheRatioOfTheProjectsCategory() {
        ProjectFixture p = new ProjectFixture()
                .registry("2025-02-25T09:00", x -> x.category = ProjectCategory.TRANSPORT)
                .deposit("2025-03-03T10:00", 5_940_000)
                .progress("2025-03", 40_000_000, 0, "2025-03-31T18:00");
        var f = rule.assess(p.book, p.alerts, at("2025-04-01T00:00")).get("2025-03"); // 15% of 400,000 yuan
        assertThat(f.metrics()).containsEntry("requiredFen", 6_000_000.0);
        assertThat(f.level()).isEqualTo(AlertLevel.BLUE);
    }

    @Test
    void shouldRequireNothingOfAMonthReportedWithNoWorkDone() {
        ProjectFixture p = new ProjectFixture().progress("2025-03", 0, 0, "2025-03-31T18:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-01T00:00"))).isEmpty();
    }

    @Test
    void shouldStopJudgingASuspendedProject() {
        ProjectFixture p = new ProjectFixture().change(ProjectStatus.SUSPENDED, null, "2025-03-20T09:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-01T00:00"))).isEmpty();
    }

    @Test
    void shouldReactToDepositsReportsAndTheRegistryButNotToClockIns() {
        assertThat(rule.reactsTo(Feed.BANK)).isTrue();
        assertThat(rule.reactsTo(Feed.PROGRESS)).isTrue();
        assertThat(rule.reactsTo(Feed.PROJECTS)).isTrue();
        assertThat(rule.reactsTo(Feed.CLOCKINS)).isFalse();
    }
}
