package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.Map;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.domain.ProgressReport;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.Money;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;

/**
 * PW03 政府投资项目工程款支付不足 (RULES.md, "Funding"): on an active government-invested project,
 * cumulative progress payments / cumulative completed value over all progress reports below
 * {@code yellowBelowPaidShare} YELLOW, below {@code redBelowPaidShare} RED. Judged only once some
 * value has been completed.
 */
public final class ProgressPaymentShortfall extends ConfiguredRule {
    public static final String ID = "PW03";

    private final double yellowBelowPaidShare;
    private final double redBelowPaidShare;

    public ProgressPaymentShortfall(RuleSettings.Bound settings) {
        // Progress reports carry both sums; the registry says whether the project is government-invested and active.
        super(settings, Watches.ACTIVE_PROJECTS, Feed.PROGRESS, Feed.PROJECTS);
        this.yellowBelowPaidShare = settings.threshold("yellowBelowPaidShare", 0, 1);
        this.redBelowPaidShare = settings.threshold("redBelowPaidShare", 0, 1);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        if (!book.project().governmentInvested) {
            return Map.of();
        }
        long completedFen = 0;
        long paidFen = 0;
        for (ProgressReport r : book.progressReports()) {
            completedFen += r.completedValueFen;
            paidFen += r.progressPaymentFen;
        }
        if (completedFen <= 0) {
            return Map.of();
        }
        double share = (double) paidFen / completedFen;
        AlertLevel level =
                share < redBelowPaidShare ? AlertLevel.RED : share < yellowBelowPaidShare ? AlertLevel.YELLOW : null;
        if (level == null) {
            return Map.of();
        }
        String message = String.format(
                "%s（政府投资项目）累计完成工程价款%s，累计支付工程款%s，仅占%s，低于已完成工程价款%s的支付要求，请建设单位按进度足额支付工程款。",
                book.project().name,
                Money.yuan(completedFen),
                Money.yuan(paidFen),
                Percent.of(share),
                Percent.of(yellowBelowPaidShare));
        return Map.of(
                "",
                new Finding(
                        level,
                        Map.of(
                                "paidShare", share,
                                "completedValueFen", (double) completedFen,
                                "progressPaymentFen", (double) paidFen),
                        message));
    }
}
