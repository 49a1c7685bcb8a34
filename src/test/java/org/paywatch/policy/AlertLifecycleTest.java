package org.paywatch.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;
import org.paywatch.domain.AlertEvent;

class AlertLifecycleTest {
    private static final RuleInfo PW05 = new RuleInfo("PW05", "工资未按月发放", "按月足额支付");
    private final AlertLifecycle lifecycle = new AlertLifecycle(ProjectFixture.routing());
    private final ProjectFixture project = new ProjectFixture();
    private final ProjectBook book = project.book;
    private final AlertMemory alerts = project.alerts;

    private List<AlertEvent> judge(AlertLevel level, String when) {
        Map<String, Finding> findings = level == null
                ? Map.of()
                : Map.of("2025-04", new Finding(level, Map.of("daysPastDue", 1.0), "msg " + level));
        return lifecycle.reconcile(book, alerts, PW05, findings, at(when));
    }

    @Test
    void shouldRaiseEscalateDowngradeAndClearOneAlertUnderOneId() {
        AlertEvent raised = judge(AlertLevel.BLUE, "2025-05-26T00:00").get(0);
        AlertEvent escalated = judge(AlertLevel.RED, "2025-07-01T00:00").get(0);
        AlertEvent downgraded = judge(AlertLevel.YELLOW, "2025-07-02T00:00").get(0);
        AlertEvent cleared = judge(null, "2025-07-03T00:00").get(0);

        assertThat(List.of(raised.transition, escalated.transition, downgraded.transition, cleared.transition))
                .containsExactly(
                        AlertTransition.RAISED,
                        AlertTransition.ESCALATED,
                        AlertTransition.DOWNGRADED,
                        AlertTransition.CLEARED);
        assertThat(List.of(escalated.alertId, downgraded.alertId, cleared.alertId))
                .containsOnly(raised.alertId);
        assertThat(cleared.level)
                .as("CLEARED carries the level that was cleared")
                .isEqualTo(AlertLevel.YELLOW);
        assertThat(cleared.message).contains("已消除");
        assertThat(alerts.openAlerts()).isEmpty();
    }

    @Test
    void shouldEmitNothingWhileTheLevelIsUnchanged() {
        judge(AlertLevel.YELLOW, "2025-06-01T00:00");
        assertThat(judge(AlertLevel.YELLOW, "2025-06-02T00:00")).isEmpty();
    }

    @Test
    void shouldGiveTheSameIdForTheSameInputAndANewIdForANewRaise() {
        String first = judge(AlertLevel.YELLOW, "2025-06-01T00:00").get(0).alertId;
        judge(null, "2025-06-05T00:00");
        String again = judge(AlertLevel.YELLOW, "2025-06-09T00:00").get(0).alertId;
        ProjectFixture other = new ProjectFixture();
        String replayed = lifecycle
                .reconcile(
                        other.book,
                        other.alerts,
                        PW05,
                        Map.of("2025-04", new Finding(AlertLevel.YELLOW, Map.of(), "m")),
                        at("2025-06-01T00:00"))
                .get(0)
                .alertId;

        assertThat(replayed).isEqualTo(first);
        assertThat(again).isNotEqualTo(first);
    }

    @Test
    void shouldRouteBlueToTheContractorsAndYellowAlsoToTheDepartmentTownAndBureau() {
        AlertEvent blue = judge(AlertLevel.BLUE, "2025-05-26T00:00").get(0);
        AlertEvent yellow = judge(AlertLevel.YELLOW, "2025-06-01T00:00").get(0);
        assertThat(blue.recipients).containsExactly("测试建设工程有限公司（劳资专管员）", "测试投资建设单位");
        assertThat(yellow.recipients).containsExactly("测试建设工程有限公司（劳资专管员）", "测试投资建设单位", "县住建局", "城关镇", "县人社局");
    }

    @Test
    void shouldRouteAFrozenAccountToTheBankRegulatorAndTheCourt() {
        List<String> recipients = ProjectFixture.routing().recipients(book.project(), "PW11", AlertLevel.RED);
        assertThat(recipients).contains("监管银行 ZYRCB", "国家金融监督管理总局高台监管支局", "县法院");
    }
}
