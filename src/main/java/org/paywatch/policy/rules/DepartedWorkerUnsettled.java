package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Enrolment;
import org.paywatch.policy.Finding;
import org.paywatch.policy.Money;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;
import org.paywatch.policy.WageAccrual;

/**
 * PW09 退场未结清 (RULES.md, "Payment"): a registered worker (scope: the worker's pseudonym) who has
 * left the site still has wages accrued and unpaid (the sum over periods of
 * {@link ProjectBook#unpaidFen}). The reference day is the exit date of the registration, or, without
 * one, the worker's last clock-in day once {@code absentDays} days have passed since it. More than
 * {@code yellowAfterDays} days after the reference day YELLOW, more than {@code redAfterDays} RED.
 * Days count like PW02: on day D, D minus the reference day. Follows wages owed whatever the project
 * status (RULES.md "Definitions"); paying the worker in full clears it.
 */
public final class DepartedWorkerUnsettled extends ConfiguredRule {
    public static final String ID = "PW09";

    private final WageAccrual wages;

    private final int absentDays;
    private final int yellowAfterDays;
    private final int redAfterDays;

    public DepartedWorkerUnsettled(RuleSettings.Bound settings, WageAccrual wages) {
        // An exit date arrives with the registry, the settlement with the bank; absence grows at the daily review.
        super(settings, Watches.EVERY_PROJECT, Feed.WORKERS, Feed.BANK);
        this.wages = wages;
        this.absentDays = settings.days("absentDays", 1, 366);
        this.yellowAfterDays = settings.days("yellowAfterDays", 0, 366);
        this.redAfterDays = settings.days("redAfterDays", 0, 732);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        Map<String, Finding> findings = new TreeMap<>();
        long todayDay = today.toEpochDay();
        for (ProjectBook.Enrolled registered : book.enrolled()) {
            String workerId = registered.workerId();
            Enrolment w = registered.enrolment();
            long referenceDay; // days counted as epoch days: most workers are on site, and need no date
            if (w.exitDate != null) {
                referenceDay = w.exitDate.toEpochDay();
            } else {
                long last = registered.lastClockInDay();
                if (last == ProjectBook.Enrolled.NEVER || todayDay - last < absentDays) {
                    continue;
                }
                referenceDay = last;
            }
            long days = todayDay - referenceDay;
            AlertLevel level = days > redAfterDays ? AlertLevel.RED : days > yellowAfterDays ? AlertLevel.YELLOW : null;
            if (level == null) {
                continue;
            }
            long unpaidFen = 0;
            int periods = 0;
            for (String period : book.attendedPeriods()) {
                if (book.attendedDays(period, workerId) > 0) {
                    long unpaid = book.unpaidFen(period, workerId, wages);
                    if (unpaid > 0) {
                        unpaidFen += unpaid;
                        periods++;
                    }
                }
            }
            if (unpaidFen == 0) {
                continue;
            }
            LocalDate reference = LocalDate.ofEpochDay(referenceDay);
            String left = w.exitDate != null
                    ? String.format("已于%s退场，至今%d天", reference, days)
                    : String.format("自%s最后一次考勤后已%d天未出勤、视同退场", reference, days);
            String message = String.format(
                    "%s一名工人%s，仍有%d个月的工资共%s未结清，超过退场后%d天的结清期限，请总承包单位会同用工单位立即足额结清。",
                    book.project().name, left, periods, Money.yuan(unpaidFen), yellowAfterDays);
            findings.put(
                    workerId,
                    new Finding(
                            level,
                            Map.of(
                                    "daysSinceDeparture", (double) days,
                                    "unpaidAmountFen", (double) unpaidFen,
                                    "unpaidPeriods", (double) periods,
                                    "hasExitDate", w.exitDate != null ? 1.0 : 0.0),
                            message));
        }
        return findings;
    }
}
