package org.paywatch.policy;

import java.time.YearMonth;

/**
 * How well a project's labour cost was funded month by month, as PW01 reckons it. The boards show it beside the
 * alerts (`project_month`), so that they show the numbers the alerts were raised on. A rule declares it through
 * {@link Rule#monthlyCoverage}.
 */
public interface MonthlyCoverage {
    /**
     * Month M as the rule sees it: the ratio, what was required and deposited, and the thresholds; requiredFen 0 and
     * coverage null when nothing can be required of M (no report and no plan, or zero).
     */
    Coverage coverage(ProjectBook book, YearMonth month);

    /** One month's coverage. */
    record Coverage(
            double ratio,
            long requiredFen,
            long depositedFen,
            Double coverage,
            double blueBelowCoverage,
            double yellowBelowCoverage) {}
}
