package org.paywatch.domain;

import java.util.Objects;

/**
 * One pay month of a project as the boards show it (the `project_month` measurement, dashboards/README.md):
 * what PW01 required to be deposited for it and what was, and what its workers earned, were paid and are
 * owed past its due date. Figures come from the same definitions the rules judge by.
 */
public class PayMonth {
    /** {@code YYYY-MM}: the month the work was done. */
    public String month;
    /** PW01's share of labour cost for the project's category. */
    public double laborCostRatio;
    /** Labour cost PW01 requires deposited for the month; 0 when nothing can be required of it. */
    public long requiredFen;

    public long depositedFen;
    /** depositedFen / requiredFen; null when requiredFen is 0. */
    public Double coverage;

    public double blueBelowCoverage;
    public double yellowBelowCoverage;
    public long accruedFen;
    public long paidFen;
    /** Accrued less paid, once the month is past its due date; 0 before. */
    public long overdueFen;
    /** {@code YYYY-MM-DD}: the day its wages are due (PW05). */
    public String dueDate;
    /** Days past the due date while wages are still owed; 0 when nothing is owed or not yet due. */
    public long daysPastDue;

    public int unpaidWorkers;

    @Override
    public boolean equals(Object o) {
        return o instanceof PayMonth m
                && Objects.equals(month, m.month)
                && Double.compare(laborCostRatio, m.laborCostRatio) == 0
                && requiredFen == m.requiredFen
                && depositedFen == m.depositedFen
                && Objects.equals(coverage, m.coverage)
                && Double.compare(blueBelowCoverage, m.blueBelowCoverage) == 0
                && Double.compare(yellowBelowCoverage, m.yellowBelowCoverage) == 0
                && accruedFen == m.accruedFen
                && paidFen == m.paidFen
                && overdueFen == m.overdueFen
                && Objects.equals(dueDate, m.dueDate)
                && daysPastDue == m.daysPastDue
                && unpaidWorkers == m.unpaidWorkers;
    }

    @Override
    public int hashCode() {
        return Objects.hash(month, requiredFen, depositedFen, accruedFen, paidFen, overdueFen, dueDate, daysPastDue);
    }
}
