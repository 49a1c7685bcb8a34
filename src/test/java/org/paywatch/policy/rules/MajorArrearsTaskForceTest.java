package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.PolicyConfig;
import org.paywatch.policy.ProjectFixture;
import org.paywatch.policy.ProjectSupervision;
import org.paywatch.policy.RuleCatalog;
import org.paywatch.policy.RuleSettingsBuilder;

/**
 * PW90 at its boundaries with the thresholds of RULES.md, set below: overdue wages of at least 500,000 yuan, or owed
 * to at least 20 workers. April's wages are due on 31 May, overdue from 1 June.
 */
class MajorArrearsTaskForceTest {
    private static final long OVERDUE = at("2025-06-01T00:00");

    private static final RuleSettingsBuilder PW90 =
            settings("PW90").threshold("redAtOverdueFen", 50_000_000).threshold("redAtWorkers", 20);

    private final MajorArrearsTaskForce rule = new MajorArrearsTaskForce(PW90.bound(), ProjectFixture.wages(21.75));

    /** {@code n} workers attend 7 April (350 yuan each) and nobody is paid. */
    private static ProjectFixture aprilOwedTo(int n) {
        return new ProjectFixture().crew(n, "2025-04-07");
    }

    /** One worker at 25,000 yuan a day attends 1–20 April: 500,000 yuan accrued; {@code paid} fen paid for April. */
    private static ProjectFixture oneWorkerOwedHalfAMillionLess(long paid) {
        ProjectFixture p = new ProjectFixture().register("W1", 2_500_000).clockInDays("W1", "2025-04-01", "2025-04-20");
        return paid > 0 ? p.payout("2025-05-10T11:00", "W1", "2025-04", paid) : p;
    }

    @Test
    void shouldReactToTheBankAndTheRegistry() {
        assertThat(rule.reactsTo(Feed.BANK)).isTrue();
        assertThat(rule.reactsTo(Feed.PROJECTS)).isTrue();
        assertThat(rule.reactsTo(Feed.CLOCKINS)).isFalse();
    }

    @Test
    void shouldStayQuietWithNineteenOwedWorkers() {
        assertThat(rule.assess(aprilOwedTo(19).book, new AlertMemory(), OVERDUE))
                .isEmpty();
    }

    @Test
    void shouldCallTheTaskForceAtTwentyOwedWorkers() {
        var f = rule.assess(aprilOwedTo(20).book, new AlertMemory(), OVERDUE).get("");
        assertThat(f.level()).isEqualTo(AlertLevel.RED);
        assertThat(f.taskForce()).isTrue();
        assertThat(f.rebound()).isFalse();
        assertThat(f.metrics()).containsEntry("overdueWorkers", 20.0).containsEntry("overdueFen", 700_000.0);
        assertThat(f.message()).startsWith("高台县城关镇测试工程").contains("20名工人", "7,000.00元", "组建工作专班、一事一策");
    }

    @Test
    void shouldNotCountWagesBeforeTheirDueDatePasses() {
        assertThat(rule.assess(aprilOwedTo(25).book, new AlertMemory(), at("2025-05-31T23:59")))
                .isEmpty();
    }

    @Test
    void shouldStayQuietOneFenBelowFiveHundredThousandYuanOverdue() {
        assertThat(rule.assess(oneWorkerOwedHalfAMillionLess(1).book, new AlertMemory(), OVERDUE))
                .isEmpty();
    }

    @Test
    void shouldCallTheTaskForceAtExactlyFiveHundredThousandYuanOverdue() {
        var f = rule.assess(oneWorkerOwedHalfAMillionLess(0).book, new AlertMemory(), OVERDUE)
                .get("");
        assertThat(f.taskForce()).isTrue();
        assertThat(f.metrics()).containsEntry("overdueFen", 50_000_000.0).containsEntry("overdueWorkers", 1.0);
        assertThat(f.message()).contains("500,000.00元");
    }

    @Test
    void shouldClearOncePaymentsBringTheArrearsBelowBothThresholds() {
        ProjectFixture p = aprilOwedTo(20).payout("2025-06-03T10:00", "W20", "2025-04", 35_000);
        assertThat(rule.assess(p.book, p.alerts, at("2025-06-03T10:00"))).isEmpty();
    }

    @Test
    void shouldFollowWagesOwedOnASuspendedProject() {
        ProjectFixture p = aprilOwedTo(20).change(ProjectStatus.SUSPENDED, null, "2025-05-20T09:00");
        assertThat(rule.assess(p.book, p.alerts, OVERDUE)).containsKey("");
    }

    @Test
    void shouldRaisePw05AndCallTheTaskForceOnTheSameOverdueMonth() {
        PolicyConfig policy = ProjectFixture.policy();
        policy.rules.put("PW90", PW90.build());
        ProjectSupervision supervision = new ProjectSupervision(RuleCatalog.from(policy), policy.routing);
        ProjectFixture p = aprilOwedTo(20);

        List<AlertEvent> events = supervision.review(p.book, p.alerts, OVERDUE).stream()
                .filter(e -> e.ruleId.equals("PW05") || e.ruleId.equals("PW90"))
                .toList();

        assertThat(events)
                .extracting(e -> e.ruleId + " " + e.scope + " " + e.transition + " " + e.level)
                .containsExactly("PW05 2025-04 RAISED YELLOW", "PW90  RAISED RED");
        AlertEvent pw05 = events.get(0);
        AlertEvent pw90 = events.get(1);
        assertThat(pw05.taskForce).isFalse();
        assertThat(pw90.taskForce).isTrue();
        assertThat(pw90.recipients).contains("县根治欠薪工作专班", "县领导", "县人社局");
        assertThat(pw05.recipients).doesNotContain("县根治欠薪工作专班");

        for (int i = 1; i <= 20; i++) {
            p.payout("2025-06-05T11:00", "W" + i, "2025-04", 35_000);
        }
        List<AlertEvent> cleared = supervision.review(p.book, p.alerts, at("2025-06-06T00:00")).stream()
                .filter(e -> e.ruleId.equals("PW05") || e.ruleId.equals("PW90"))
                .toList();
        assertThat(cleared)
                .extracting(e -> e.ruleId + " " + e.transition + " " + e.level)
                .containsExactly("PW05 CLEARED YELLOW", "PW90 CLEARED RED");
        assertThat(cleared.get(1).alertId).isEqualTo(pw90.alertId);
    }
}
