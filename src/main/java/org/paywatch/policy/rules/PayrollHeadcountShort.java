package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.Money;
import org.paywatch.policy.PayPeriod;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;
import org.paywatch.policy.WageAccrual;

/**
 * PW06 代发人数不足 (RULES.md, "Payment"): once M is past due and at least one payout for M exists,
 * the attended workers of M with nothing paid for M, as a share of attended workers: above 0 YELLOW,
 * above {@code redUnpaidShare} RED. Re-judged on every later payout; clears when all are paid.
 * Follows wages owed whatever the project status.
 */
public final class PayrollHeadcountShort extends ConfiguredRule {
    public static final String ID = "PW06";

    private final WageAccrual wages;

    private final double redUnpaidShare;

    public PayrollHeadcountShort(RuleSettings.Bound settings, WageAccrual wages) {
        super(settings, Watches.EVERY_PROJECT, Feed.BANK, Feed.PROJECTS);
        this.wages = wages;
        this.redUnpaidShare = settings.threshold("redUnpaidShare", 0, 1);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        Map<String, Finding> findings = new TreeMap<>();
        for (String period : book.paidPeriods()) {
            LocalDate due = PayPeriod.dueDate(period, book.payDay());
            if (!today.isAfter(due)) {
                continue;
            }
            ProjectBook.PayrollGap count = book.payrollGap(period, wages);
            int unpaid = count.unpaid();
            long unpaidFen = count.unpaidAccruedFen();
            if (unpaid == 0) {
                continue;
            }
            double share = (double) unpaid / count.attended();
            AlertLevel level = share > redUnpaidShare ? AlertLevel.RED : AlertLevel.YELLOW;
            String message = String.format(
                    "%s %s有考勤的%d名工人中%d名（%.1f%%）没有代发工资记录，应发约%s，请总承包单位补发并核对代发名单。",
                    book.project().name, period, count.attended(), unpaid, share * 100, Money.yuan(unpaidFen));
            findings.put(
                    period,
                    new Finding(
                            level,
                            Map.of(
                                    "attendedWorkers", (double) count.attended(),
                                    "unpaidWorkers", (double) unpaid,
                                    "unpaidShare", share,
                                    "unpaidAmountFen", (double) unpaidFen),
                            message));
        }
        return findings;
    }
}
