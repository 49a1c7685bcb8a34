package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.Money;
import org.paywatch.policy.PayPeriod;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;
import org.paywatch.policy.WageAccrual;

/**
 * PW05 工资未按月发放 (RULES.md, "Payment"): workers clocked in during period M and no wage payout
 * for M is booked. Within {@code blueDaysBeforeDue} days before the due date BLUE; past due (after the
 * end of the due date) YELLOW; more than {@code redDaysPastDue} days past due RED. The first payout
 * for M clears it (PW06 then judges completeness). Follows wages owed whatever the project status.
 */
public final class WagesNotPaidMonthly extends ConfiguredRule {
    public static final String ID = "PW05";

    private final WageAccrual wages;

    private final int blueDaysBeforeDue;
    private final int redDaysPastDue;

    public WagesNotPaidMonthly(RuleSettings.Bound settings, WageAccrual wages) {
        super(settings, Watches.EVERY_PROJECT, Feed.BANK, Feed.PROJECTS);
        this.wages = wages;
        this.blueDaysBeforeDue = settings.days("blueDaysBeforeDue", 0, 31);
        this.redDaysPastDue = settings.days("redDaysPastDue", 1, 366);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        Map<String, Finding> findings = new TreeMap<>();
        for (String period : book.attendedPeriods()) {
            if (book.hasPayout(period)) {
                continue;
            }
            LocalDate due = PayPeriod.dueDate(period, book.payDay());
            long daysPastDue = BusinessCalendar.daysBetween(due, today);
            if (daysPastDue < -blueDaysBeforeDue) {
                continue;
            }
            AlertLevel level = daysPastDue > redDaysPastDue
                    ? AlertLevel.RED
                    : daysPastDue >= 1 ? AlertLevel.YELLOW : AlertLevel.BLUE;
            Set<String> attended = book.attendedWorkers(period);
            long unpaidFen = 0;
            for (String worker : attended) {
                unpaidFen += book.unpaidFen(period, worker, wages);
            }
            String message = daysPastDue >= 1
                    ? String.format(
                            "%s %s工资已逾期%d天未发放（应于%s前发放），涉及%d名工人、应发约%s，请总承包单位立即足额支付。",
                            book.project().name, period, daysPastDue, due, attended.size(), Money.yuan(unpaidFen))
                    : String.format(
                            "%s %s工资将于%s到期，尚无代发记录，涉及%d名工人、应发约%s，请总承包单位按时发放。",
                            book.project().name, period, due, attended.size(), Money.yuan(unpaidFen));
            findings.put(
                    period,
                    new Finding(
                            level,
                            Map.of(
                                    "daysPastDue", (double) Math.max(0, daysPastDue),
                                    "unpaidWorkers", (double) attended.size(),
                                    "unpaidAmountFen", (double) unpaidFen),
                            message));
        }
        return findings;
    }
}
