package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.domain.Feed;
import org.paywatch.policy.ProjectFixture;

/**
 * PW14 at its boundaries with the thresholds of RULES.md, set below: any unregistered worker on a day BLUE, at least
 * 5% of the day's distinct workers YELLOW; the worst of the last 7 complete days, so an unregistered
 * clock-in on Monday 7 April is judged from the midnight that ends it until the end of 14 April.
 */
class UnregisteredAttendanceTest {
    private static final String DAY = "2025-04-07";

    private final UnregisteredAttendance rule = new UnregisteredAttendance(settings("PW14")
            .threshold("yellowShareOfDay", 0.05)
            .threshold("windowDays", 7)
            .bound());

    /** {@code registered} registered workers and {@code unregistered} unregistered ones clock in on the day. */
    private static ProjectFixture day(ProjectFixture p, String day, int registered, int unregistered) {
        for (int i = 1; i <= registered; i++) {
            p.register("W" + i, 35_000).clockIn("W" + i, day);
        }
        for (int i = 1; i <= unregistered; i++) {
            p.clockIn("X" + i, day);
        }
        return p;
    }

    @Test
    void shouldStayQuietWhenEveryoneIsRegistered() {
        ProjectFixture p = day(new ProjectFixture(), DAY, 20, 0);
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-08T00:00"))).isEmpty();
    }

    @Test
    void shouldStayBlueJustBelowFivePercent() {
        ProjectFixture p = day(new ProjectFixture(), DAY, 20, 1); // 1 of 21: 4.8%
        var f = rule.assess(p.book, p.alerts, at("2025-04-08T00:00"));
        assertThat(f).containsOnlyKeys("");
        assertThat(f.get("").level()).isEqualTo(AlertLevel.BLUE);
        assertThat(f.get("").metrics())
                .containsEntry("unregisteredWorkers", 1.0)
                .containsEntry("shareOfDay", 1.0 / 21)
                .containsEntry("day", 20250407.0);
        assertThat(f.get("").message()).startsWith("高台县城关镇测试工程").contains("2025-04-07", "1名", "21名", "4.8%", "总承包单位");
    }

    @Test
    void shouldRaiseYellowWhenFivePercentOfTheDayAreUnregistered() {
        ProjectFixture p = day(new ProjectFixture(), DAY, 19, 1); // 1 of 20: exactly 5%
        var f = rule.assess(p.book, p.alerts, at("2025-04-08T00:00")).get("");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics()).containsEntry("shareOfDay", 0.05);
    }

    @Test
    void shouldRaiseYellowAboveFivePercent() {
        ProjectFixture p = day(new ProjectFixture(), DAY, 10, 2);
        var f = rule.assess(p.book, p.alerts, at("2025-04-08T00:00")).get("");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics()).containsEntry("unregisteredWorkers", 2.0);
    }

    @Test
    void shouldCountAWorkerOnceADay() {
        ProjectFixture p = day(new ProjectFixture(), DAY, 20, 1);
        p.clockIn("X1", DAY); // clocks in twice
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-08T00:00")).get("").metrics())
                .containsEntry("unregisteredWorkers", 1.0);
    }

    @Test
    void shouldNotJudgeADayBeforeItIsComplete() {
        ProjectFixture p = day(new ProjectFixture(), DAY, 10, 2);
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-07T23:59"))).isEmpty();
    }

    @Test
    void shouldStillHoldOnTheSeventhDayAfter() {
        ProjectFixture p = day(new ProjectFixture(), DAY, 10, 2);
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-14T23:59")).get("").level())
                .isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldClearSevenDaysAfterTheLastUnregisteredClockIn() {
        ProjectFixture p = day(new ProjectFixture(), DAY, 10, 2);
        day(p, "2025-04-08", 10, 0);
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-15T00:00"))).isEmpty();
    }

    @Test
    void shouldTakeTheWorstDayOfTheWindow() {
        ProjectFixture p = day(new ProjectFixture(), DAY, 10, 2); // YELLOW day
        day(p, "2025-04-09", 30, 1); // BLUE day: 1 of 31
        var f = rule.assess(p.book, p.alerts, at("2025-04-10T00:00")).get("");
        assertThat(f.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(f.metrics()).containsEntry("day", 20250407.0);
        // once 7 April has left the window, 9 April is the worst day left
        var later = rule.assess(p.book, p.alerts, at("2025-04-15T00:00")).get("");
        assertThat(later.level()).isEqualTo(AlertLevel.BLUE);
        assertThat(later.metrics()).containsEntry("day", 20250409.0);
    }

    @Test
    void shouldClearWhenTheWorkersAreRegisteredLate() {
        ProjectFixture p = day(new ProjectFixture(), DAY, 10, 2);
        p.register("X1", 35_000).register("X2", 35_000);
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-09T10:00"))).isEmpty();
    }

    @Test
    void shouldBeJudgedAtTheDailyReviewAndOnRegistrationsNotOnClockIns() {
        assertThat(rule.reactsTo(Feed.CLOCKINS)).isFalse();
        assertThat(rule.reactsTo(Feed.WORKERS)).isTrue();
    }

    @Test
    void shouldStopJudgingASuspendedProject() {
        ProjectFixture p =
                day(new ProjectFixture(), DAY, 10, 2).change(ProjectStatus.SUSPENDED, null, "2025-04-07T18:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-08T00:00"))).isEmpty();
    }
}
