package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.Money;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;

/**
 * PW08 单人代发异常大额 (RULES.md, "Payment"): gross wage payouts booked to one worker (scope: the
 * worker's pseudonym) from the project's dedicated account in one calendar month above
 * {@code redAboveMonthFen}, or in one calendar year above {@code redAboveYearFen}: RED, a sign of
 * diverted funds. Months and years are those of booking, not the wage period; returned payouts do not
 * reduce the gross; a re-sent txnId is removed upstream and counts once. Like PW10 the alert stays
 * while the project is active (RULES.md "Definitions": the rule stops for suspended and completed
 * projects): a payout that happened is not undone by later months.
 */
public final class OversizedPayout extends ConfiguredRule {
    public static final String ID = "PW08";

    private final double redAboveMonthFen;
    private final double redAboveYearFen;

    public OversizedPayout(RuleSettings.Bound settings) {
        super(settings, Watches.ACTIVE_PROJECTS, Feed.BANK, Feed.PROJECTS);
        this.redAboveMonthFen = settings.threshold("redAboveMonthFen", 0, 1000000000000.0);
        this.redAboveYearFen = settings.threshold("redAboveYearFen", 0, 1000000000000.0);
    }

    /** A calendar year of payouts: its first day is never more than a leap year's 366 days back. */
    @Override
    public int historyDays() {
        return 366;
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        ProjectBook.PayoutPeaks peaks = book.payoutPeaks();
        if (peaks.monthFen() <= redAboveMonthFen && peaks.yearFen() <= redAboveYearFen) {
            return Map.of(); // nobody near a limit: no need to look at anyone's months
        }
        Map<String, Finding> findings = new TreeMap<>();
        for (String worker : new TreeSet<>(book.bookedPayees())) {
            Map<String, Long> byMonth = new TreeMap<>(book.payoutsBooked(worker));
            Map<String, Long> byYear = new TreeMap<>();
            byMonth.forEach((month, fen) -> byYear.merge(month.substring(0, 4), fen, Long::sum));
            List<String> over = new ArrayList<>();
            long maxMonthFen = 0;
            long maxYearFen = 0;
            for (Map.Entry<String, Long> m : byMonth.entrySet()) {
                maxMonthFen = Math.max(maxMonthFen, m.getValue());
                if (m.getValue() > redAboveMonthFen) {
                    over.add(String.format(
                            "%s当月%s（超过单月%s）",
                            m.getKey(), Money.yuan(m.getValue()), Money.yuan(Math.round(redAboveMonthFen))));
                }
            }
            for (Map.Entry<String, Long> y : byYear.entrySet()) {
                maxYearFen = Math.max(maxYearFen, y.getValue());
                if (y.getValue() > redAboveYearFen) {
                    over.add(String.format(
                            "%s年全年%s（超过全年%s）",
                            y.getKey(), Money.yuan(y.getValue()), Money.yuan(Math.round(redAboveYearFen))));
                }
            }
            if (over.isEmpty()) {
                continue;
            }
            String message = String.format(
                    "%s农民工工资专用账户向同一名工人代发工资%s，属异常大额、疑似挪用专户资金，请监管银行和行业主管部门立即核查代发明细，总承包单位说明资金用途。",
                    book.project().name, String.join("、", over));
            findings.put(
                    worker,
                    new Finding(
                            AlertLevel.RED,
                            Map.of(
                                    "maxMonthPayoutFen", (double) maxMonthFen,
                                    "maxYearPayoutFen", (double) maxYearFen,
                                    "periodsOverLimit", (double) over.size()),
                            message));
        }
        return findings;
    }
}
