package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.contract.TaxChangeType;
import org.paywatch.domain.Enterprise;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ProjectFixture;

/**
 * PW16 with the threshold of RULES.md, set below: abnormal status, deregistration and credit grade D YELLOW; tax
 * arrears, or IIT / VAT of the period at most 50% of the previous one BLUE; one alert per enterprise
 * of the project (scope: its credit code), cleared by recovery or by the enterprise leaving the project.
 */
class EnterpriseTaxSignalTest {
    private static final String CU = "91620724CU0000001X";
    private static final String GC = "91620724GC0000001X";
    private static final String SC = "91620724SC0000001X";
    private static final String NOW = "2025-04-10T12:00";

    private final EnterpriseTaxSignal rule = new EnterpriseTaxSignal(
            settings("PW16").threshold("blueAtMostShareOfPrevious", 0.5).bound());

    private static ProjectFixture signal(String code, TaxChangeType type) {
        return new ProjectFixture().tax(code, type, "2025-04-10T09:00", null, null);
    }

    private static ProjectFixture iit(long previousFen, long currentFen) {
        return new ProjectFixture().tax(GC, TaxChangeType.IIT_DROP, "2025-04-10T09:00", previousFen, currentFen);
    }

    @Test
    void shouldRaiseYellowWhenTheGeneralContractorBecomesAnAbnormalTaxpayer() {
        var f = rule.assess(signal(GC, TaxChangeType.ABNORMAL_STATUS).book, new AlertMemory(), at(NOW));
        assertThat(f).containsOnlyKeys(GC);
        assertThat(f.get(GC).level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.get(GC).metrics()).containsEntry("abnormalStatus", 1.0);
        assertThat(f.get(GC).message()).startsWith("高台县城关镇测试工程").contains("施工总承包单位测试建设工程有限公司", "非正常户", "请施工总承包单位");
    }

    @ParameterizedTest
    @EnumSource(
            value = TaxChangeType.class,
            names = {"ABNORMAL_STATUS", "DEREGISTERED", "CREDIT_GRADE_D"})
    void shouldRaiseYellowForAStatusSignal(TaxChangeType type) {
        assertThat(rule.assess(signal(SC, type).book, new AlertMemory(), at(NOW))
                        .get(SC)
                        .level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldRaiseBlueForTaxArrearsOfTheConstructionUnit() {
        var f = rule.assess(signal(CU, TaxChangeType.TAX_ARREARS).book, new AlertMemory(), at(NOW))
                .get(CU);
        assertThat(f.level()).isEqualTo(AlertLevel.BLUE);
        assertThat(f.message()).contains("建设单位测试投资建设单位", "欠缴税款", "请建设单位", "人工费用");
    }

    @Test
    void shouldRaiseBlueWhenIitFallsToHalf() {
        var f = rule.assess(iit(10_000_000, 5_000_000).book, new AlertMemory(), at(NOW))
                .get(GC);
        assertThat(f.level()).isEqualTo(AlertLevel.BLUE);
        assertThat(f.metrics())
                .containsEntry("iitShareOfPrevious", 0.5)
                .containsEntry("iitPreviousFen", 10_000_000.0)
                .containsEntry("iitCurrentFen", 5_000_000.0);
        assertThat(f.message()).contains("个人所得税", "100,000.00元", "50,000.00元", "50%");
    }

    @Test
    void shouldStayQuietWhenIitFallsToFiftyOnePercent() {
        assertThat(rule.assess(iit(10_000_000, 5_100_000).book, new AlertMemory(), at(NOW)))
                .isEmpty();
    }

    @Test
    void shouldRaiseBlueWhenVatFallsBelowHalf() {
        ProjectFixture p =
                new ProjectFixture().tax(SC, TaxChangeType.VAT_DROP, "2025-04-10T09:00", 10_000_000L, 4_900_000L);
        var f = rule.assess(p.book, p.alerts, at(NOW)).get(SC);
        assertThat(f.level()).isEqualTo(AlertLevel.BLUE);
        assertThat(f.message()).contains("分包单位测试劳务分包有限公司", "增值税", "核查该分包单位");
    }

    @Test
    void shouldIgnoreADropWithoutAPreviousFigure() {
        ProjectFixture p = new ProjectFixture()
                .tax(GC, TaxChangeType.IIT_DROP, "2025-04-10T09:00", 0L, 0L)
                .tax(SC, TaxChangeType.VAT_DROP, "2025-04-10T09:00", null, 100L);
        assertThat(rule.assess(p.book, p.alerts, at(NOW))).isEmpty();
    }

    @Test
    void shouldTakeTheWorstSignalOfTheEnterprise() {
        ProjectFixture p =
                iit(10_000_000, 1_000_000).tax(GC, TaxChangeType.CREDIT_GRADE_D, "2025-04-10T10:00", null, null);
        var f = rule.assess(p.book, p.alerts, at(NOW)).get(GC);
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.message()).contains("D级", "个人所得税");
    }

    @Test
    void shouldKeepOneAlertPerEnterprise() {
        ProjectFixture p = signal(GC, TaxChangeType.TAX_ARREARS)
                .tax(SC, TaxChangeType.DEREGISTERED, "2025-04-10T10:00", null, null);
        var f = rule.assess(p.book, p.alerts, at(NOW));
        assertThat(f).containsOnlyKeys(GC, SC);
        assertThat(f.get(GC).level()).isEqualTo(AlertLevel.BLUE);
        assertThat(f.get(SC).level()).isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldClearWhenALaterPeriodIsNoLongerDownByHalf() {
        ProjectFixture p =
                iit(10_000_000, 4_000_000).tax(GC, TaxChangeType.IIT_DROP, "2025-05-10T09:00", 10_000_000L, 8_000_000L);
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-10T12:00"))).isEmpty();
    }

    @Test
    void shouldClearOnRecovery() {
        ProjectFixture p = signal(GC, TaxChangeType.ABNORMAL_STATUS)
                .tax(GC, TaxChangeType.TAX_ARREARS, "2025-04-11T09:00", null, null)
                .tax(GC, TaxChangeType.RECOVERED, "2025-04-20T09:00", null, null);
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-20T12:00"))).isEmpty();
    }

    @Test
    void shouldRaiseAgainOnASignalAfterTheRecovery() {
        ProjectFixture p = signal(GC, TaxChangeType.ABNORMAL_STATUS)
                .tax(GC, TaxChangeType.RECOVERED, "2025-04-20T09:00", null, null)
                .tax(GC, TaxChangeType.TAX_ARREARS, "2025-05-20T09:00", null, null);
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-20T12:00")).get(GC).level())
                .isEqualTo(AlertLevel.BLUE);
    }

    @Test
    void shouldIgnoreAnEnterpriseThatLeftTheProject() {
        ProjectFixture p = signal(SC, TaxChangeType.ABNORMAL_STATUS)
                .registry("2025-04-15T09:00", project -> project.subcontractors = new ArrayList<>());
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-15T12:00"))).isEmpty();
    }

    @Test
    void shouldIgnoreAnEnterpriseWithNoRoleOnTheProject() {
        assertThat(rule.assess(
                        signal("91620724ZZ0000009X", TaxChangeType.DEREGISTERED).book, new AlertMemory(), at(NOW)))
                .isEmpty();
    }

    @Test
    void shouldNameEveryRoleOfAnEnterpriseThatHoldsTwo() {
        ProjectFixture p = signal(GC, TaxChangeType.DEREGISTERED)
                .registry("2025-04-01T09:00", project -> project.constructionUnit = new Enterprise(GC, "测试建设工程有限公司"));
        assertThat(rule.assess(p.book, p.alerts, at(NOW)).get(GC).message()).contains("建设单位、施工总承包单位测试建设工程有限公司");
    }

    @Test
    void shouldStopJudgingASuspendedProject() {
        ProjectFixture p =
                signal(GC, TaxChangeType.ABNORMAL_STATUS).change(ProjectStatus.SUSPENDED, null, "2025-04-10T10:00");
        assertThat(rule.assess(p.book, p.alerts, at(NOW))).isEmpty();
    }

    @Test
    void shouldReactToTaxChangesAndTheRegistry() {
        assertThat(rule.reactsTo(Feed.TAX)).isTrue();
        assertThat(rule.reactsTo(Feed.PROJECTS)).isTrue();
        assertThat(rule.reactsTo(Feed.CLOCKINS)).isFalse();
    }
}
