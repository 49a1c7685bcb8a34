package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.Map;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.PolicyConfig;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;

/**
 * PW15 考勤异常中断 (RULES.md, "Real-name and attendance"): an active project whose days with
 * clock-ins in the {@code lookbackDays} days before its last clock-in averaged at least
 * {@code minAverageWorkers} distinct workers has had no clock-in for {@code silentDays} full days:
 * BLUE, scope "". Not raised inside configured holiday windows. A clock-in clears it.
 *
 * <p>Readings: "the 14 days before its last clock-in" is the window of {@code lookbackDays} days that
 * ends with the last clock-in day L (L - lookbackDays + 1 ... L), averaged over the days in it that
 * had clock-ins. The full silent days are those after L and before today; days inside a holiday
 * window are expected to be quiet and do not count as silence (otherwise every site that stopped
 * for the Spring Festival would be raised the morning after the window ends), and nothing is
 * raised while today is inside one.
 *
 * <p>Judged at the daily review and on registry updates, and on a clock-in only while its alert is open (clock-ins are
 * the hot path, and finding the last one scans the attendance): the clock-in that ends the silence clears the alert
 * at its own time (RULES.md, Definitions), not at the next midnight.
 */
public final class AttendanceInterrupted extends ConfiguredRule {
    public static final String ID = "PW15";

    private final double minAverageWorkers;
    private final int lookbackDays;
    private final int silentDays;

    private final PolicyConfig.Calendar calendar;

    public AttendanceInterrupted(RuleSettings.Bound settings, PolicyConfig.Calendar calendar) {
        super(settings, Watches.ACTIVE_PROJECTS, Feed.PROJECTS);
        alsoClearedBy(Feed.CLOCKINS);
        this.calendar = calendar;
        this.minAverageWorkers = settings.threshold("minAverageWorkers", 0, 100000);
        this.lookbackDays = settings.days("lookbackDays", 1, 90);
        this.silentDays = settings.days("silentDays", 1, 90);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        if (calendar.isHoliday(today)) {
            return Map.of();
        }
        LocalDate last = book.lastClockInDay();
        if (last == null || !last.isBefore(today)) {
            return Map.of();
        }
        int silent = 0;
        int holidays = 0;
        for (LocalDate d = last.plusDays(1); d.isBefore(today); d = d.plusDays(1)) {
            if (calendar.isHoliday(d)) {
                holidays++;
            } else {
                silent++;
            }
        }
        if (silent < silentDays) {
            return Map.of();
        }
        int attendedDays = 0;
        long workerDays = 0;
        for (LocalDate d = last.minusDays(lookbackDays - 1L); !d.isAfter(last); d = d.plusDays(1)) {
            int n = book.workerCountOn(d);
            if (n > 0) {
                attendedDays++;
                workerDays += n;
            }
        }
        double average = (double) workerDays / attendedDays; // L itself had clock-ins
        if (average < minAverageWorkers) {
            return Map.of();
        }
        String message = String.format(
                "%s自%s最后一次考勤打卡后已有%d天%s无人打卡（此前%d天内有考勤的日子平均每天%.1f人），请总承包单位劳资专管员核实是停工还是未记录考勤并如实报告，防范欠薪纠纷。",
                book.project().name, last, silent, holidays > 0 ? "（不含停工期）" : "", lookbackDays, average);
        return Map.of(
                "",
                new Finding(
                        AlertLevel.BLUE,
                        Map.of(
                                "silentDays", (double) silent,
                                "averageWorkers", average,
                                "attendedDays", (double) attendedDays),
                        message));
    }
}
