package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ProjectFixture;

/**
 * PW15 at its boundaries with the thresholds of RULES.md, set below and calendar: the days with clock-ins among the
 * 14 days ending with the last clock-in day L averaged at least 10 workers, then 7 full days after L
 * without a clock-in (holiday days not counted): BLUE; nothing while today is in a holiday window
 * (2026 Spring Festival stoppage: 7 February to 3 March).
 */
class AttendanceInterruptedTest {
    private final AttendanceInterrupted rule = new AttendanceInterrupted(
            settings("PW15")
                    .threshold("minAverageWorkers", 10)
                    .threshold("lookbackDays", 14)
                    .threshold("silentDays", 7)
                    .bound(),
            ProjectFixture.calendar(ProjectFixture.holiday("2026年春节停工", "2026-02-07", "2026-03-03")));

    /** {@code n} workers W1..Wn on every day from {@code from} to {@code to}, both included. */
    private static ProjectFixture worked(ProjectFixture p, int n, String from, String to) {
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            for (int i = 1; i <= n; i++) {
                p.register("W" + i, 35_000).clockIn("W" + i, d.toString());
            }
        }
        return p;
    }

    /** Twelve workers a day for the 14 days up to Monday 14 April 2025, then silence. */
    private static ProjectFixture busyUntilTheFourteenth() {
        return worked(new ProjectFixture(), 12, "2025-04-01", "2025-04-14");
    }

    @Test
    void shouldStayQuietAfterSixSilentDays() {
        assertThat(rule.assess(busyUntilTheFourteenth().book, new AlertMemory(), at("2025-04-21T23:59")))
                .isEmpty();
    }

    @Test
    void shouldRaiseBlueAfterSevenFullSilentDays() {
        var f = rule.assess(busyUntilTheFourteenth().book, new AlertMemory(), at("2025-04-22T00:00"));
        assertThat(f).containsOnlyKeys("");
        assertThat(f.get("").level()).isEqualTo(AlertLevel.BLUE);
        assertThat(f.get("").metrics())
                .containsEntry("silentDays", 7.0)
                .containsEntry("averageWorkers", 12.0)
                .containsEntry("attendedDays", 14.0);
        assertThat(f.get("").message()).startsWith("高台县城关镇测试工程").contains("2025-04-14", "7天", "12.0人", "总承包单位");
    }

    @Test
    void shouldRaiseAtAnAverageOfExactlyTen() {
        ProjectFixture p = worked(new ProjectFixture(), 10, "2025-04-01", "2025-04-14");
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-22T00:00")).get("").metrics())
                .containsEntry("averageWorkers", 10.0);
    }

    @Test
    void shouldStayQuietJustBelowAnAverageOfTen() {
        ProjectFixture p = worked(new ProjectFixture(), 9, "2025-04-01", "2025-04-07");
        worked(p, 10, "2025-04-08", "2025-04-14"); // averages 9.5
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-22T00:00"))).isEmpty();
    }

    @Test
    void shouldAverageOnlyTheDaysThatHadClockIns() {
        ProjectFixture p = worked(new ProjectFixture(), 10, "2025-04-12", "2025-04-14"); // 3 busy days of 14
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-22T00:00")).get("").metrics())
                .containsEntry("averageWorkers", 10.0)
                .containsEntry("attendedDays", 3.0);
    }

    @Test
    void shouldAverageOnlyTheFourteenDaysEndingWithTheLastClockIn() {
        ProjectFixture p = worked(new ProjectFixture(), 40, "2025-03-31", "2025-03-31"); // L - 14: outside
        worked(p, 5, "2025-04-01", "2025-04-14");
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-22T00:00"))).isEmpty();
    }

    @Test
    void shouldClearAfterAClockIn() {
        ProjectFixture p = busyUntilTheFourteenth();
        p.clockIn("W1", "2025-04-25");
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-26T00:00"))).isEmpty();
    }

    @Test
    void shouldBeJudgedAtTheDailyReviewNotOnClockIns() {
        assertThat(rule.reactsTo(Feed.CLOCKINS)).isFalse();
    }

    @Test
    void shouldStayQuietInsideTheSpringFestivalWindow() {
        ProjectFixture p = worked(new ProjectFixture(), 12, "2026-01-12", "2026-01-25");
        assertThat(rule.assess(p.book, p.alerts, at("2026-02-02T00:00")).get("").level())
                .isEqualTo(AlertLevel.BLUE);
        assertThat(rule.assess(p.book, p.alerts, at("2026-02-07T00:00"))).isEmpty();
        assertThat(rule.assess(p.book, p.alerts, at("2026-03-03T23:59"))).isEmpty();
        assertThat(rule.assess(p.book, p.alerts, at("2026-03-04T00:00")).get("").level())
                .isEqualTo(AlertLevel.BLUE);
    }

    @Test
    void shouldNotCountTheStoppageAsSilence() {
        ProjectFixture p =
                worked(new ProjectFixture(), 12, "2026-01-23", "2026-02-05"); // stops the day before the window
        assertThat(rule.assess(p.book, p.alerts, at("2026-03-04T00:00"))).isEmpty();
        assertThat(rule.assess(p.book, p.alerts, at("2026-03-09T23:59"))).isEmpty(); // 6 February and 4-8 March: 6 days
        var f = rule.assess(p.book, p.alerts, at("2026-03-10T00:00")).get("");
        assertThat(f.level()).isEqualTo(AlertLevel.BLUE);
        assertThat(f.metrics()).containsEntry("silentDays", 7.0);
        assertThat(f.message()).contains("不含停工期");
    }

    @Test
    void shouldIgnoreAProjectWithoutClockIns() {
        assertThat(rule.assess(new ProjectFixture().book, new AlertMemory(), at("2025-06-01T00:00")))
                .isEmpty();
    }

    @Test
    void shouldStopJudgingACompletedProject() {
        ProjectFixture p = busyUntilTheFourteenth().change(ProjectStatus.COMPLETED, null, "2025-04-15T09:00");
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-22T00:00"))).isEmpty();
    }
}
