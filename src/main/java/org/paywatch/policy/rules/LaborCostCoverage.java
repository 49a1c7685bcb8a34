package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.domain.ProgressReport;
import org.paywatch.domain.Project;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.Money;
import org.paywatch.policy.MonthlyCoverage;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;

/**
 * PW01 人工费用拨付不足 (RULES.md, "Funding"): for each construction month M of an active project
 * (scope M), from its start month to the last ended month: coverage = labour-cost deposits booked in M
 * / required(M), where required(M) = ratio(category) x completed value of the progress report for M,
 * or, while no report for M has arrived, contract value x ratio / planned months (start month to
 * planned-end month, both counted). Coverage in [{@code yellowBelowCoverage}, {@code blueBelowCoverage})
 * BLUE, below {@code yellowBelowCoverage} YELLOW, below {@code blueBelowCoverage} in both M and M-1 RED.
 * Judged once M has ended, and again when the report for M arrives later.
 */
public final class LaborCostCoverage extends ConfiguredRule implements MonthlyCoverage {
    public static final String ID = "PW01";

    private final double blueBelowCoverage;
    private final double yellowBelowCoverage;
    private final Map<String, Double> laborCostRatio;

    public LaborCostCoverage(RuleSettings.Bound settings) {
        // Deposits (BANK), the report for a month (PROGRESS) and the
        // registry (PROJECTS); a month's end comes with the daily review.
        super(settings, Watches.ACTIVE_PROJECTS, Feed.BANK, Feed.PROGRESS, Feed.PROJECTS);
        this.blueBelowCoverage = settings.threshold("blueBelowCoverage", 0, 10);
        this.yellowBelowCoverage = settings.threshold("yellowBelowCoverage", 0, 10);
        this.laborCostRatio = settings.table("laborCostRatio", 0, 1);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        Project p = book.project();
        double ratio = RuleSettings.row(laborCostRatio, p.category == null ? null : p.category.name());
        YearMonth first = YearMonth.from(p.startDate);
        YearMonth lastEnded = YearMonth.from(today).minusMonths(1);
        Map<String, Finding> findings = new TreeMap<>();
        Month previous = null;
        for (YearMonth m = first; !m.isAfter(lastEnded); m = m.plusMonths(1)) {
            Month month = month(book, m, ratio);
            if (month != null && month.coverage() < blueBelowCoverage) {
                boolean twoInARow = previous != null && previous.coverage() < blueBelowCoverage;
                AlertLevel level = twoInARow
                        ? AlertLevel.RED
                        : month.coverage() < yellowBelowCoverage ? AlertLevel.YELLOW : AlertLevel.BLUE;
                findings.put(m.toString(), finding(book, m, month, ratio, level, twoInARow));
            }
            previous = month;
        }
        return findings;
    }

    @Override
    public Optional<MonthlyCoverage> monthlyCoverage() {
        return Optional.of(this);
    }

    @Override
    public Coverage coverage(ProjectBook book, YearMonth m) {
        double ratio = RuleSettings.row(
                laborCostRatio,
                book.project().category == null ? null : book.project().category.name());
        Month month = month(book, m, ratio);
        return month == null
                ? new Coverage(ratio, 0, book.depositedFen(m.toString()), null, blueBelowCoverage, yellowBelowCoverage)
                : new Coverage(
                        ratio,
                        month.requiredFen(),
                        month.depositedFen(),
                        month.coverage(),
                        blueBelowCoverage,
                        yellowBelowCoverage);
    }

    /** What month M required and got; null when nothing can be required of it (no report and no plan, or zero). */
    private static Month month(ProjectBook book, YearMonth m, double ratio) {
        Project p = book.project();
        ProgressReport report = book.progress(m.toString());
        long required;
        if (report != null) {
            required = Math.round(ratio * report.completedValueFen);
        } else {
            long planned = plannedMonths(p);
            if (planned <= 0) {
                return null;
            }
            required = Math.round(p.contractValueFen * ratio / planned);
        }
        if (required <= 0) {
            return null;
        }
        long deposited = book.depositedFen(m.toString());
        return new Month(deposited, required, (double) deposited / required, report != null);
    }

    /** Months from the start month to the planned-end month, both counted; 0 without a planned end. */
    private static long plannedMonths(Project p) {
        if (p.plannedEndDate == null || p.plannedEndDate.isBefore(p.startDate)) {
            return 0;
        }
        return ChronoUnit.MONTHS.between(YearMonth.from(p.startDate), YearMonth.from(p.plannedEndDate)) + 1;
    }

    private Finding finding(
            ProjectBook book, YearMonth m, Month month, double ratio, AlertLevel level, boolean twoInARow) {
        String basis = month.fromReport()
                ? "按当月进度报告完成产值的" + Percent.of(ratio) + "计"
                : "尚无当月进度报告，按合同额分摊到计划工期每月的" + Percent.of(ratio) + "计";
        String message = String.format(
                "%s %s人工费用到账%s，仅为应拨付%s（%s）的%s%s，请建设单位立即足额拨付人工费用。",
                book.project().name,
                m,
                Money.yuan(month.depositedFen()),
                Money.yuan(month.requiredFen()),
                basis,
                Percent.of(month.coverage()),
                twoInARow ? "，且已连续两个月不足" : "");
        return new Finding(
                level,
                Map.of(
                        "coverage", month.coverage(),
                        "depositedFen", (double) month.depositedFen(),
                        "requiredFen", (double) month.requiredFen()),
                message);
    }

    private record Month(long depositedFen, long requiredFen, double coverage, boolean fromReport) {}
}
