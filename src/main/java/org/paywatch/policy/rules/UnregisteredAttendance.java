package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.Map;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;

/**
 * PW14 未实名登记上岗 (RULES.md, "Real-name and attendance"): judged per day — the distinct workers
 * who clocked in that day with no real-name registration on the project: any BLUE; at least
 * {@code yellowShareOfDay} of that day's distinct workers YELLOW. The project's alert (scope "") takes
 * the worst day of the last {@code windowDays} complete days (today - windowDays ... today - 1), so it
 * clears {@code windowDays} days after the last such clock-in. Active projects only. Metrics of the
 * worst day: unregisteredWorkers, shareOfDay and day (as the number yyyymmdd, e.g. 20250407).
 *
 * <p>Judged at the daily review, never on a clock-in (the hot path): a day is judged once it is
 * complete. It also reacts to a registration (WORKERS), which is rare and cheap: the rule reads the
 * registrations as they stand, so a late registration would clear the alert at the next midnight
 * anyway, and clearing it at once spares the labour manager an alert about a fixed problem. It reacts
 * to the registry (PROJECTS) so that a suspended or completed project stops at once.
 */
public final class UnregisteredAttendance extends ConfiguredRule {
    public static final String ID = "PW14";

    private final double yellowShareOfDay;
    private final int windowDays;

    public UnregisteredAttendance(RuleSettings.Bound settings) {
        super(settings, Watches.ACTIVE_PROJECTS, Feed.WORKERS, Feed.PROJECTS);
        this.yellowShareOfDay = settings.threshold("yellowShareOfDay", 0, 1);
        this.windowDays = settings.days("windowDays", 1, 90);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        Day worst = null;
        for (int back = windowDays; back >= 1; back--) {
            LocalDate day = today.minusDays(back);
            ProjectBook.Headcount count = book.headcountOn(day);
            int unregistered = count.unregistered();
            if (unregistered == 0) {
                continue;
            }
            double share = (double) unregistered / count.present();
            AlertLevel level = share >= yellowShareOfDay ? AlertLevel.YELLOW : AlertLevel.BLUE;
            Day d = new Day(day, level, unregistered, count.present(), share);
            if (worst == null || d.isWorseThan(worst)) {
                worst = d;
            }
        }
        if (worst == null) {
            return Map.of();
        }
        String message = String.format(
                "%s %s有%d名未实名登记人员打卡上岗，占当日%d名打卡人员的%.1f%%（近%d天中最多），请总承包单位立即为其签订劳动合同并办理实名登记，未登记人员不得进场施工。",
                book.project().name, worst.day, worst.unregistered, worst.present, worst.share * 100, windowDays);
        return Map.of(
                "",
                new Finding(
                        worst.level,
                        Map.of(
                                "unregisteredWorkers", (double) worst.unregistered,
                                "shareOfDay", worst.share,
                                "day",
                                        (double) (worst.day.getYear() * 10_000
                                                + worst.day.getMonthValue() * 100
                                                + worst.day.getDayOfMonth())),
                        message));
    }

    /** One day of the window: its level, its unregistered and distinct workers. */
    private record Day(LocalDate day, AlertLevel level, int unregistered, int present, double share) {
        /** Higher level first, then the larger share, then more workers, then the later day. */
        boolean isWorseThan(Day o) {
            if (level != o.level) {
                return level.compareTo(o.level) > 0;
            }
            if (share != o.share) {
                return share > o.share;
            }
            if (unregistered != o.unregistered) {
                return unregistered > o.unregistered;
            }
            return day.isAfter(o.day);
        }
    }
}
