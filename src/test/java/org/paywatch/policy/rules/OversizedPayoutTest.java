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

/** PW08 at its boundaries with the thresholds of RULES.md, set below: above 50,000 yuan in a month or 300,000 yuan in a year to one worker. */
class OversizedPayoutTest {
    private final OversizedPayout rule = new OversizedPayout(settings("PW08")
            .threshold("redAboveMonthFen", 5_000_000)
            .threshold("redAboveYearFen", 30_000_000)
            .bound());

    private static ProjectFixture mayPaidToW1(long first, long second) {
        return new ProjectFixture()
                .register("W1", 35_000)
                .payout("2025-05-10T11:00", "W1", "2025-04", first)
                .payout("2025-05-28T11:00", "W1", "2025-05", second);
    }

    @Test
    void shouldReactToTheBank() {
        assertThat(rule.reactsTo(Feed.BANK)).isTrue();
        assertThat(rule.reactsTo(Feed.CLOCKINS)).isFalse();
    }

    @Test
    void shouldStayQuietAtExactlyFiftyThousandYuanInAMonth() {
        assertThat(rule.assess(mayPaidToW1(3_000_000, 2_000_000).book, new AlertMemory(), at("2025-05-28T12:00")))
                .isEmpty();
    }

    @Test
    void shouldRaiseRedJustAboveFiftyThousandYuanInAMonth() {
        var f = rule.assess(mayPaidToW1(3_000_000, 2_000_001).book, new AlertMemory(), at("2025-05-28T12:00"))
                .get("W1");
        assertThat(f.level()).isEqualTo(AlertLevel.RED);
        assertThat(f.metrics()).containsEntry("maxMonthPayoutFen", 5_000_001.0);
        assertThat(f.message())
                .startsWith("高台县城关镇测试工程")
                .contains("2025-05当月50,000.01元", "50,000.00元", "监管银行")
                .doesNotContain("W1");
    }

    @Test
    void shouldCountTheBookingMonthNotTheWagePeriod() {
        ProjectFixture p = new ProjectFixture()
                .register("W1", 35_000)
                .payout("2025-05-31T20:00", "W1", "2025-05", 3_000_000)
                .payout("2025-06-01T09:00", "W1", "2025-05", 3_000_000);
        assertThat(rule.assess(p.book, p.alerts, at("2025-06-01T10:00"))).isEmpty();
    }

    @Test
    void shouldKeepWorkersApart() {
        ProjectFixture p = new ProjectFixture()
                .register("W1", 35_000)
                .register("W2", 35_000)
                .payout("2025-05-10T11:00", "W1", "2025-04", 4_000_000)
                .payout("2025-05-10T11:00", "W2", "2025-04", 4_000_000);
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-10T12:00"))).isEmpty();
    }

    private static ProjectFixture sixMonthsOfFiftyThousand(long lastExtra) {
        ProjectFixture p = new ProjectFixture().register("W1", 35_000);
        for (int m = 4; m <= 9; m++) {
            p.payout(String.format("2025-%02d-10T11:00", m), "W1", null, 5_000_000);
        }
        return lastExtra > 0 ? p.payout("2025-12-20T11:00", "W1", null, lastExtra) : p;
    }

    @Test
    void shouldStayQuietAtExactlyThreeHundredThousandYuanInAYear() {
        assertThat(rule.assess(sixMonthsOfFiftyThousand(0).book, new AlertMemory(), at("2025-12-31T12:00")))
                .isEmpty();
    }

    @Test
    void shouldRaiseRedJustAboveThreeHundredThousandYuanInAYear() {
        var f = rule.assess(sixMonthsOfFiftyThousand(1).book, new AlertMemory(), at("2025-12-31T12:00"))
                .get("W1");
        assertThat(f.level()).isEqualTo(AlertLevel.RED);
        assertThat(f.metrics())
                .containsEntry("maxYearPayoutFen", 30_000_001.0)
                .containsEntry("maxMonthPayoutFen", 5_000_000.0);
        assertThat(f.message()).contains("2025年全年300,000.01元");
    }

    @Test
    void shouldNotAddUpTwoCalendarYears() {
        ProjectFixture p = sixMonthsOfFiftyThousand(0).payout("2026-01-10T11:00", "W1", null, 5_000_000);
        assertThat(rule.assess(p.book, p.alerts, at("2026-01-10T12:00"))).isEmpty();
    }

    @Test
    void shouldStopOnACompletedProject() {
        ProjectFixture p = mayPaidToW1(3_000_000, 3_000_000).change(ProjectStatus.COMPLETED, null, "2025-05-30T09:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-30T10:00"))).isEmpty();
    }
}
