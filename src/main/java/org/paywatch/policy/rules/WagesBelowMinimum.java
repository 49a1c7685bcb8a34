package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.paywatch.contract.AlertLevel;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.Money;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;
import org.paywatch.policy.WageAccrual;

/**
 * PW07 工资低于最低工资标准 (RULES.md, "Payment"): for each period M with payouts (scope M), over the
 * workers with net pay for M above zero: a worker paid less than the town's monthly minimum wage
 * pro-rated by attended days (days / 21.75: the job file's {@link WageAccrual#daysPerMonth}) YELLOW; the project's
 * per-capita full-month-equivalent pay (total pay / total attended days x 21.75) below the minimum
 * wage RED. The minimum wage is the {@code minimumWageFen} row of the project's town.
 *
 * <p>"Judged at the end of each day on which payouts for M were booked": the rule reacts to no feed
 * and is judged at the daily review at midnight, which sees the payouts booked before it, so a payroll
 * booked over several hours is judged once, whole. Between payroll days its findings do not change
 * (the book is a ledger), so judging at every review gives the same alerts. Active projects only
 * (RULES.md "Definitions").
 */
public final class WagesBelowMinimum extends ConfiguredRule {
    public static final String ID = "PW07";

    private final WageAccrual wages;

    private final Map<String, Double> minimumWageFen;

    public WagesBelowMinimum(RuleSettings.Bound settings, WageAccrual wages) {
        // Judged only at the daily review: at the end of the day the payouts were booked.
        super(settings, Watches.ACTIVE_PROJECTS);
        this.wages = wages;
        this.minimumWageFen = settings.table("minimumWageFen", 0, 10000000);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        double minimum = RuleSettings.row(minimumWageFen, book.project().town);
        Map<String, Finding> findings = new TreeMap<>();
        for (String period : new TreeSet<>(book.paidPeriods())) {
            int paidWorkers = 0;
            long totalPay = 0;
            long totalDays = 0;
            int below = 0;
            double shortfall = 0;
            long lowestFullMonth = Long.MAX_VALUE;
            for (ProjectBook.Payee w : book.payees(period)) { // by pseudonym
                long pay = w.netFen();
                if (pay <= 0) {
                    continue;
                }
                int days = w.attendedDays();
                paidWorkers++;
                totalPay += pay;
                totalDays += days;
                // pay < minimum x days / days per month, compared without dividing (exact for whole fen)
                if (pay * wages.daysPerMonth < minimum * days) {
                    below++;
                    shortfall += minimum * days / wages.daysPerMonth - pay;
                    lowestFullMonth = Math.min(lowestFullMonth, (long) Math.floor(pay * wages.daysPerMonth / days));
                }
            }
            if (paidWorkers == 0 || totalDays == 0) {
                continue;
            }
            double perCapita = totalPay * wages.daysPerMonth / totalDays;
            boolean red = totalPay * wages.daysPerMonth < minimum * totalDays;
            if (!red && below == 0) {
                continue;
            }
            long shortfallFen = (long) Math.ceil(shortfall - 1e-6);
            String message = red
                    ? String.format(
                            "%s %s代发工资的%d名工人人均月工资（按出勤天数折合满月）%s，低于最低工资标准%s，其中%d人低于按出勤天数折算的标准、共差%s，请总承包单位立即补足差额，行业主管部门督促整改。",
                            book.project().name,
                            period,
                            paidWorkers,
                            Money.yuan(Math.round(perCapita)),
                            Money.yuan(Math.round(minimum)),
                            below,
                            Money.yuan(shortfallFen))
                    : String.format(
                            "%s %s代发工资的%d名工人中%d人工资低于按出勤天数折算的最低工资标准（月%s），最低者折合满月%s、共差%s，请总承包单位补足差额。",
                            book.project().name,
                            period,
                            paidWorkers,
                            below,
                            Money.yuan(Math.round(minimum)),
                            Money.yuan(lowestFullMonth),
                            Money.yuan(shortfallFen));
            findings.put(
                    period,
                    new Finding(
                            red ? AlertLevel.RED : AlertLevel.YELLOW,
                            Map.of(
                                    "paidWorkers", (double) paidWorkers,
                                    "belowMinimumWorkers", (double) below,
                                    "perCapitaMonthlyPayFen", (double) Math.round(perCapita),
                                    "minimumWageFen", minimum,
                                    "shortfallFen", (double) shortfallFen),
                            message));
        }
        return findings;
    }
}
