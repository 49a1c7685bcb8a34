package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.Map;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.Money;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;
import org.paywatch.policy.WageAccrual;

/**
 * PW04 专户余额不足 (RULES.md, "Funding"): on an active project with a dedicated account, cover =
 * balance / wages accrued and unpaid for the periods that have ended: below {@code yellowBelowCover}
 * YELLOW, below {@code redBelowCover} RED (only when something is unpaid). Otherwise the forecast: the
 * average daily WAGE_PAYOUT amount of the {@code forecastWindowDays} days before today; the balance
 * lasting fewer than {@code blueBelowDaysOfPayouts} days at that rate is BLUE (no forecast before the
 * first payout, nor when nothing was paid in the window).
 */
public final class AccountBalanceShortfall extends ConfiguredRule {
    public static final String ID = "PW04";

    private final WageAccrual wages;

    private final double yellowBelowCover;
    private final double redBelowCover;
    private final int forecastWindowDays;
    private final int blueBelowDaysOfPayouts;

    public AccountBalanceShortfall(RuleSettings.Bound settings, WageAccrual wages) {
        // The balance and the payouts come from the bank, the account and the status from the registry. Not
        // clock-ins: they only add to the current month, which is not closed; ended months, late attendance
        // and the moving forecast window are judged at the daily review.
        super(settings, Watches.ACTIVE_PROJECTS, Feed.BANK, Feed.PROJECTS);
        this.wages = wages;
        this.yellowBelowCover = settings.threshold("yellowBelowCover", 0, 10);
        this.redBelowCover = settings.threshold("redBelowCover", 0, 10);
        this.forecastWindowDays = settings.days("forecastWindowDays", 1, 366);
        this.blueBelowDaysOfPayouts = settings.days("blueBelowDaysOfPayouts", 1, 366);
    }

    /** The forecast averages the payouts of its window. */
    @Override
    public int historyDays() {
        return forecastWindowDays;
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        if (book.project().payrollAccountNo == null) {
            return Map.of();
        }
        long balanceFen = book.balanceFen();
        long unpaidFen = book.unpaidClosedFen(today, wages);
        if (unpaidFen > 0) {
            double cover = (double) balanceFen / unpaidFen;
            AlertLevel level =
                    cover < redBelowCover ? AlertLevel.RED : cover < yellowBelowCover ? AlertLevel.YELLOW : null;
            if (level != null) {
                String message = String.format(
                        "%s工资专户余额%s，仅为已结束月份应发未发工资%s的%s，请建设单位立即补足专户资金、总承包单位按时足额代发。",
                        book.project().name, Money.yuan(balanceFen), Money.yuan(unpaidFen), Percent.of(cover));
                return Map.of(
                        "",
                        new Finding(
                                level,
                                Map.of(
                                        "cover", cover,
                                        "balanceFen", (double) balanceFen,
                                        "unpaidClosedFen", (double) unpaidFen),
                                message));
            }
        }
        if (!book.hasDailyPayouts()) {
            return Map.of(); // no forecast before the first payout
        }
        long windowFen = book.payoutsBetween(today.minusDays(forecastWindowDays), today);
        if (windowFen <= 0) {
            return Map.of();
        }
        double dailyFen = (double) windowFen / forecastWindowDays;
        double days = balanceFen / dailyFen;
        if (days >= blueBelowDaysOfPayouts) {
            return Map.of();
        }
        String message = String.format(
                "%s工资专户余额%s，按近%d天日均代发工资%s测算仅够发放%.1f天（不足%d天），请建设单位提前拨付人工费用。",
                book.project().name,
                Money.yuan(balanceFen),
                forecastWindowDays,
                Money.yuan(Math.round(dailyFen)),
                days,
                blueBelowDaysOfPayouts);
        return Map.of(
                "",
                new Finding(
                        AlertLevel.BLUE,
                        Map.of(
                                "balanceFen",
                                (double) balanceFen,
                                "dailyPayoutFen",
                                dailyFen,
                                "daysOfPayouts",
                                days,
                                "unpaidClosedFen",
                                (double) unpaidFen),
                        message));
    }
}
