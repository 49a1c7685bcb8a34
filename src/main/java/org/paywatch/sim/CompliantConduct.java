package org.paywatch.sim;

import java.util.Collections;
import java.util.Map;
import org.paywatch.contract.WageType;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.policy.PolicyConfig;
import org.paywatch.policy.RuleCatalog;
import org.paywatch.policy.WageAccrual;
import org.paywatch.policy.rules.LaborCostCoverage;
import org.paywatch.policy.rules.LaborCostDepositOverdue;
import org.paywatch.policy.rules.OversizedPayout;
import org.paywatch.policy.rules.PayrollHeadcountShort;
import org.paywatch.policy.rules.ProgressPaymentShortfall;
import org.paywatch.policy.rules.WageDepositShortfall;
import org.paywatch.policy.rules.WagesBelowMinimum;

/**
 * How a compliant site behaves, sized on the county's policy rather than on today's thresholds: a
 * stricter job file makes the simulated sites deposit more and more often, pay more of the progress
 * payments, keep a bigger wage deposit and pay wages within the minimum-wage and oversized-payout
 * bounds, so that a compliant county stays silent under it. With the shipped thresholds every habit
 * is the simulator's own (the same county, record for record): the policy only ever raises it.
 */
final class CompliantConduct {
    /** The simulator's own habits, which the shipped thresholds leave as they are. */
    private static final int PAID_PERCENT_OF_COMPLETED = 85;

    private static final int WAGE_DEPOSIT_PERCENT_OF_CONTRACT = 2;
    private static final int CREW_FOR_SHARE_FAULTS = 25;
    /** The longest month: a monthly deposit on a fixed day is never further apart than this. */
    private static final int LONGEST_MONTH = 31;
    /** Deposits of a month fall on the deposit day (2nd to 4th) and every cycle after it, by the 28th. */
    private static final int LAST_DEPOSIT_DAY = 28;

    /** How wages accrue: a punctual payroll pays exactly what the monitor reckons. */
    private final WageAccrual wages;
    /** PW01's share of completed value that is labour cost, by category with a "default" row. */
    private final Map<String, Double> laborCostRatio;
    /** PW01: deposits of a month reach at least this share of the labour cost it requires. */
    private final double depositCoverage;
    /** PW02: labour-cost deposits a month, so that none is more than the rule's cycle after the one before. */
    private final int depositsPerMonth;
    /** PW03: the progress payment, in percent of the completed value. */
    private final int paidPercentOfCompleted;
    /** PW13: the wage deposit's share of the contract value. */
    private final double wageDepositShare;
    /** PW06: a crew in which one unpaid worker is a small share. */
    private final int crewForShareFaults;
    /** PW07 and PW08: the lowest and highest rates a compliant site pays, daily and monthly. */
    private final long lowestDailyFen;

    private final long lowestMonthlyFen;
    private final long highestDailyFen;
    private final long highestMonthlyFen;

    /** The conduct that keeps every rule of {@code policy} silent; the policy is validated first. */
    CompliantConduct(PolicyConfig policy) {
        RuleCatalog.from(policy);
        this.wages = policy.wages;
        this.laborCostRatio = Collections.unmodifiableMap(
                policy.rules.get(LaborCostCoverage.ID).tables.get("laborCostRatio"));
        this.depositCoverage = Math.max(1.0, threshold(policy, LaborCostCoverage.ID, "blueBelowCoverage"));
        int cycleDays = (int) threshold(policy, LaborCostDepositOverdue.ID, "yellowAfterDays");
        this.depositsPerMonth = depositsPerMonth(cycleDays);
        double paidShare = threshold(policy, ProgressPaymentShortfall.ID, "yellowBelowPaidShare");
        this.paidPercentOfCompleted =
                Math.min(100, Math.max(PAID_PERCENT_OF_COMPLETED, (int) Math.ceil(paidShare * 100 - 1e-9) + 5));
        this.wageDepositShare = Math.max(
                WAGE_DEPOSIT_PERCENT_OF_CONTRACT / 100.0,
                threshold(policy, WageDepositShortfall.ID, "minShareOfContract"));
        double unpaidShare = threshold(policy, PayrollHeadcountShort.ID, "redUnpaidShare");
        this.crewForShareFaults =
                Math.max(CREW_FOR_SHARE_FAULTS, unpaidShare > 0 ? (int) Math.floor(1 / unpaidShare) + 1 : 0);
        double minimumWage = Collections.max(policy.rules
                .get(WagesBelowMinimum.ID)
                .tables
                .get("minimumWageFen")
                .values());
        // PW07 pro-rates by days / days per month: a day's rate must reach that share of the minimum, and a monthly
        // rate, capped at itself however many days are worked, must cover a 31-day month; a yuan more for rounding.
        this.lowestDailyFen = roundUpYuan((long) Math.ceil(minimumWage / policy.wages.daysPerMonth)) + 100;
        this.lowestMonthlyFen =
                roundUpYuan((long) Math.ceil(minimumWage * LONGEST_MONTH / policy.wages.daysPerMonth)) + 100;
        // PW08: a month of work, or twelve of them in a calendar year, paid to one worker stays under its limits
        double monthFen = threshold(policy, OversizedPayout.ID, "redAboveMonthFen");
        double yearFen = threshold(policy, OversizedPayout.ID, "redAboveYearFen");
        this.highestMonthlyFen = roundDownYuan((long) Math.floor(Math.min(monthFen, yearFen / 12)));
        this.highestDailyFen = roundDownYuan(highestMonthlyFen / LONGEST_MONTH);
        if (lowestDailyFen > highestDailyFen || lowestMonthlyFen > highestMonthlyFen) {
            throw new ConfigurationProblem(
                    "rules." + WagesBelowMinimum.ID + ".tables.minimumWageFen is above what rules." + OversizedPayout.ID
                            + " lets one worker be paid in a month: lower the minimum wage or raise redAboveMonthFen");
        }
    }

    /** The fewest deposits a month whose cycle (the days between them, the month's turn included) stays within {@code cycleDays}. */
    private static int depositsPerMonth(int cycleDays) {
        for (int k = 1; k <= 4; k++) {
            if (cycleDays(k) <= cycleDays) {
                return k;
            }
        }
        throw new ConfigurationProblem("rules." + LaborCostDepositOverdue.ID + ".thresholds.yellowAfterDays = "
                + cycleDays + " is shorter than the simulator's weekly deposits: set it to " + cycleDays(4)
                + " days or more");
    }

    private static int cycleDays(int depositsPerMonth) {
        return (LONGEST_MONTH + depositsPerMonth - 1) / depositsPerMonth;
    }

    private static double threshold(PolicyConfig policy, String ruleId, String key) {
        return policy.rules.get(ruleId).thresholds.get(key);
    }

    WageAccrual wages() {
        return wages;
    }

    /** The share of completed value that is labour cost for the category (PW01's table). */
    double laborCostRatio(String category) {
        return laborCostRatio.getOrDefault(category, laborCostRatio.get("default"));
    }

    double depositCoverage() {
        return depositCoverage;
    }

    int depositsPerMonth() {
        return depositsPerMonth;
    }

    /** Whether a site whose deposit day is {@code depositDay} deposits on this day of the month, and which deposit of the month it is (-1: none). */
    int depositOn(int dayOfMonth, int depositDay) {
        int since = dayOfMonth - depositDay;
        int cycle = cycleDays(depositsPerMonth);
        if (since < 0 || since % cycle != 0 || since / cycle >= depositsPerMonth || dayOfMonth > LAST_DEPOSIT_DAY) {
            return -1;
        }
        return since / cycle;
    }

    int paidPercentOfCompleted() {
        return paidPercentOfCompleted;
    }

    /** The wage deposit of a contract, rounded up to the yuan so that it is never short of the share. */
    long wageDepositFen(long contractFen) {
        return Math.max(contractFen * WAGE_DEPOSIT_PERCENT_OF_CONTRACT / 100 / 100 * 100, roundUpYuan((long)
                Math.ceil(wageDepositShare * contractFen)));
    }

    int crewForShareFaults() {
        return crewForShareFaults;
    }

    /** A drawn wage rate brought within what the minimum wage and the oversized-payout limits allow. */
    long wageRateFen(WageType type, long drawnFen) {
        boolean monthly = type == WageType.MONTHLY;
        return Math.min(
                Math.max(drawnFen, monthly ? lowestMonthlyFen : lowestDailyFen),
                monthly ? highestMonthlyFen : highestDailyFen);
    }

    private static long roundUpYuan(long fen) {
        return (fen + 99) / 100 * 100;
    }

    private static long roundDownYuan(long fen) {
        return fen / 100 * 100;
    }
}
