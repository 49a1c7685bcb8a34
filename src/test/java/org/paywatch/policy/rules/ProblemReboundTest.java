package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertLifecycle;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.policy.Finding;
import org.paywatch.policy.PolicyConfig;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.ProjectFixture;
import org.paywatch.policy.ProjectSupervision;
import org.paywatch.policy.RuleCatalog;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettingsBuilder;

/**
 * PW91 with the settings of RULES.md, set below: a YELLOW or RED alert of a rule cleared and the rule raises again (any
 * scope) within 90 days: RED, rebound; every cleared RED alert gets follow-ups 30, 60 and 90 days later.
 */
class ProblemReboundTest {
    private static final RuleInfo PW05 = new RuleInfo("PW05", "工资未按月发放", "按月足额支付");
    private static final long DAY = 86_400_000L;

    private static final RuleSettingsBuilder PW91 = settings("PW91")
            .threshold("reboundWithinDays", 90)
            .threshold("firstFollowUpDays", 30)
            .threshold("secondFollowUpDays", 60)
            .threshold("thirdFollowUpDays", 90);

    private final PolicyConfig policy = withPw91(ProjectFixture.policy());
    private final ProblemRebound rule = new ProblemRebound(PW91.bound());
    private final AlertLifecycle lifecycle = new AlertLifecycle(policy.routing);
    private final ProjectFixture project = new ProjectFixture();
    private final ProjectBook book = project.book;
    private final AlertMemory alerts = project.alerts;

    /** The whole policy, with PW91 as set above, for the tests that run every rule. */
    private static PolicyConfig withPw91(PolicyConfig policy) {
        policy.rules.put("PW91", PW91.build());
        return policy;
    }

    /** PW05 finds {@code level} for the scope (null: nothing) at the instant. */
    private void pw05(String scope, AlertLevel level, long when) {
        Map<String, Finding> findings =
                level == null ? Map.of() : Map.of(scope, new Finding(level, Map.of(), "PW05 " + level));
        lifecycle.reconcile(book, alerts, PW05, findings, when);
    }

    /** April's RED alert clears on 5 July 2025 at 10:00. */
    private long aprilRedClearedOnFifthOfJuly() {
        pw05("2025-04", AlertLevel.RED, at("2025-07-01T00:00"));
        long cleared = at("2025-07-05T10:00");
        pw05("2025-04", null, cleared);
        return cleared;
    }

    @Test
    void shouldReactToEveryFeed() {
        for (Feed feed : Feed.values()) {
            assertThat(rule.reactsTo(feed)).as(feed.name()).isTrue();
        }
    }

    @Test
    void shouldFlagARaiseWithinNinetyDaysOfClearingAsRebound() {
        aprilRedClearedOnFifthOfJuly();
        pw05("2025-07", AlertLevel.YELLOW, at("2025-09-01T00:00"));

        var findings = rule.assess(book, alerts, at("2025-09-01T00:00"));
        assertThat(findings).containsOnlyKeys("PW05");
        Finding f = findings.get("PW05");
        assertThat(f.level()).isEqualTo(AlertLevel.RED);
        assertThat(f.rebound()).isTrue();
        assertThat(f.taskForce()).isFalse();
        assertThat(f.metrics()).containsEntry("daysSinceClearing", 58.0).containsEntry("reboundAlerts", 1.0);
        assertThat(f.message()).startsWith("高台县城关镇测试工程").contains("PW05", "2025-07-05", "58天", "问题反弹");
    }

    @Test
    void shouldFlagARaiseAtExactlyNinetyDaysAfterClearing() {
        long cleared = aprilRedClearedOnFifthOfJuly();
        pw05("2025-07", AlertLevel.YELLOW, cleared + 90 * DAY);
        assertThat(rule.assess(book, alerts, cleared + 90 * DAY)).containsKey("PW05");
    }

    @Test
    void shouldNotFlagARaiseMoreThanNinetyDaysAfterClearing() {
        long cleared = aprilRedClearedOnFifthOfJuly();
        pw05("2025-07", AlertLevel.YELLOW, cleared + 90 * DAY + 1);
        assertThat(rule.assess(book, alerts, cleared + 90 * DAY + 1)).isEmpty();
    }

    @Test
    void shouldNotCountAClearedBlueAlert() {
        pw05("2025-04", AlertLevel.BLUE, at("2025-05-26T00:00"));
        pw05("2025-04", null, at("2025-05-28T10:00"));
        pw05("2025-05", AlertLevel.YELLOW, at("2025-07-01T00:00"));
        assertThat(rule.assess(book, alerts, at("2025-07-01T00:00"))).isEmpty();
    }

    @Test
    void shouldWaitWhileTheRaisedAgainAlertIsBlueAndFlagItWhenItEscalates() {
        aprilRedClearedOnFifthOfJuly();
        pw05("2025-07", AlertLevel.BLUE, at("2025-08-26T00:00"));
        assertThat(rule.assess(book, alerts, at("2025-08-26T00:00"))).isEmpty();
        pw05("2025-07", AlertLevel.YELLOW, at("2025-10-10T00:00")); // escalated after 90 days, raised within
        assertThat(rule.assess(book, alerts, at("2025-10-10T00:00"))).containsKey("PW05");
    }

    @Test
    void shouldClearWhenTheRuleHasNoReboundingAlertLeft() {
        aprilRedClearedOnFifthOfJuly();
        pw05("2025-07", AlertLevel.YELLOW, at("2025-09-01T00:00"));
        pw05("2025-07", null, at("2025-09-10T11:00"));
        assertThat(rule.assess(book, alerts, at("2025-09-10T11:00"))).isEmpty();
    }

    @Test
    void shouldNotJudgeItsOwnAlerts() {
        RuleInfo pw91 = rule.info();
        Map<String, Finding> rebound = Map.of("PW05", new Finding(AlertLevel.RED, Map.of(), "PW91 RED"));
        lifecycle.reconcile(book, alerts, pw91, rebound, at("2025-08-01T00:00"));
        lifecycle.reconcile(book, alerts, pw91, Map.of(), at("2025-08-20T00:00"));
        lifecycle.reconcile(
                book, alerts, pw91, rebound, at("2025-09-01T00:00")); // PW91's own, raised 12 days after its clearing
        assertThat(alerts.openAlerts())
                .singleElement()
                .satisfies(own -> assertThat(own.raisedAfterClearingAt).isNotNull());
        assertThat(rule.assess(book, alerts, at("2025-09-02T00:00"))).isEmpty();
    }

    @Test
    void shouldListTheFollowUpDaysOfTheShippedPolicy() {
        assertThat(rule.followUpDays()).containsExactly(30, 60, 90);
        assertThat(RuleCatalog.from(policy).followUpDays()).containsExactly(30, 60, 90);
    }

    /** Three workers attend April; nobody is paid until 5 July 11:00: PW05 RED from 1 July, cleared by the payroll. */
    private static List<AlertEvent> aprilPaidOnFifthOfJuly(ProjectSupervision supervision, ProjectFixture p) {
        List<AlertEvent> events = new ArrayList<>(supervision.review(p.book, p.alerts, at("2025-07-01T00:00")));
        events.addAll(supervision.apply(
                p.book,
                p.alerts,
                List.of(
                        ProjectFixture.bankEvent(
                                BankTransactionType.WAGE_PAYOUT, "2025-07-05T11:00", 70_000, "W1", "2025-04"),
                        ProjectFixture.bankEvent(
                                BankTransactionType.WAGE_PAYOUT, "2025-07-05T11:00", 70_000, "W2", "2025-04"),
                        ProjectFixture.bankEvent(
                                BankTransactionType.WAGE_PAYOUT, "2025-07-05T11:00", 70_000, "W3", "2025-04")),
                at("2025-07-05T11:00")));
        return events;
    }

    /** Runs the daily review at every midnight from {@code first} to {@code last}; PW05's and PW91's events. */
    private static List<AlertEvent> reviewDaily(
            ProjectSupervision supervision, ProjectFixture p, String first, String last) {
        List<AlertEvent> out = new ArrayList<>();
        for (var d = java.time.LocalDate.parse(first); !d.isAfter(java.time.LocalDate.parse(last)); d = d.plusDays(1)) {
            supervision.review(p.book, p.alerts, BusinessCalendar.startOfDay(d)).stream()
                    .filter(e -> e.ruleId.equals("PW05") || e.ruleId.equals("PW91"))
                    .forEach(out::add);
        }
        return out;
    }

    @Test
    void shouldEmitFollowUpsThirtySixtyAndNinetyDaysAfterARedAlertClears() {
        ProjectSupervision supervision = new ProjectSupervision(RuleCatalog.from(policy), policy.routing);
        ProjectFixture p = new ProjectFixture().crew(3, "2025-04-07", "2025-04-08");
        List<AlertEvent> before = aprilPaidOnFifthOfJuly(supervision, p).stream()
                .filter(e -> e.ruleId.equals("PW05"))
                .toList();
        assertThat(before).extracting(e -> e.transition + " " + e.level).containsExactly("RAISED RED", "CLEARED RED");
        long cleared = at("2025-07-05T11:00");
        String alertId = before.get(1).alertId;

        assertThat(reviewDaily(supervision, p, "2025-07-06", "2025-08-04"))
                .as("nothing before the 30th day has passed")
                .isEmpty();
        List<AlertEvent> followUps = reviewDaily(supervision, p, "2025-08-05", "2025-12-31");

        assertThat(followUps)
                .extracting(e -> e.ruleId + " " + e.scope + " " + e.transition + " " + e.level)
                .containsExactly(
                        "PW05 2025-04 FOLLOW_UP RED", "PW05 2025-04 FOLLOW_UP RED", "PW05 2025-04 FOLLOW_UP RED");
        assertThat(followUps)
                .extracting(e -> e.eventTime)
                .containsExactly(cleared + 30 * DAY, cleared + 60 * DAY, cleared + 90 * DAY);
        assertThat(followUps).extracting(e -> e.alertId).containsOnly(alertId);
        assertThat(followUps.get(0).message).startsWith("高台县城关镇测试工程").contains("满30天", "第1次跟踪回访");
        assertThat(followUps.get(2).message).contains("满90天", "第3次跟踪回访");
        assertThat(followUps.get(0).metrics).containsEntry("daysSinceCleared", 30.0);
        assertThat(p.alerts.followUps()).isEmpty();
    }

    @Test
    void shouldEmitNoFollowUpAfterAYellowAlertClears() {
        ProjectSupervision supervision = new ProjectSupervision(RuleCatalog.from(policy), policy.routing);
        ProjectFixture p = new ProjectFixture().crew(3, "2025-04-07");
        supervision.review(p.book, p.alerts, at("2025-06-01T00:00")); // PW05 YELLOW
        p.payout("2025-06-05T11:00", "W1", "2025-04", 35_000);
        assertThat(reviewDaily(supervision, p, "2025-06-06", "2025-10-31"))
                .extracting(e -> e.transition)
                .containsExactly(AlertTransition.CLEARED);
    }

    @Test
    void shouldRaiseTheReboundThroughTheSupervisionAndClearItWithTheRule() {
        ProjectSupervision supervision = new ProjectSupervision(RuleCatalog.from(policy), policy.routing);
        ProjectFixture p = new ProjectFixture().crew(3, "2025-04-07", "2025-07-07");
        aprilPaidOnFifthOfJuly(supervision, p);
        List<AlertEvent> events = reviewDaily(supervision, p, "2025-07-06", "2025-09-05");
        p.payout("2025-09-05T11:00", "W1", "2025-07", 35_000);
        events.addAll(reviewDaily(supervision, p, "2025-09-06", "2025-09-06"));
        // The fixture's account is never funded, so other rules (PW04) speak too: only PW05's story matters here.
        events = events.stream()
                .filter(e -> e.ruleId.equals("PW05") || e.scope.equals("PW05"))
                .collect(java.util.stream.Collectors.toList());

        assertThat(events)
                .extracting(e -> e.ruleId + " " + e.scope + " " + e.transition + " " + e.level)
                .containsExactly(
                        "PW05 2025-04 FOLLOW_UP RED",
                        "PW05 2025-07 RAISED BLUE",
                        "PW05 2025-07 ESCALATED YELLOW",
                        "PW91 PW05 RAISED RED",
                        "PW05 2025-04 FOLLOW_UP RED",
                        "PW05 2025-07 CLEARED YELLOW",
                        "PW91 PW05 CLEARED RED");
        AlertEvent rebound = events.get(3);
        assertThat(rebound.rebound).isTrue();
        assertThat(rebound.taskForce).isFalse();
    }
}
