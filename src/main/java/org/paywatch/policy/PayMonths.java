package org.paywatch.policy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.paywatch.domain.PayMonth;

/**
 * A project's pay months for the boards: from its start (at most {@link #MONTHS_SHOWN} months back) to the current
 * month, and any earlier month whose wages are still on the book. Coverage is PW01's, the due date PW05's and the
 * owed wages the book's, so the board shows the numbers the alerts were raised on.
 */
public final class PayMonths {
    /** A year and the current month: enough to read a project's coverage and pay history, bounded for long projects. */
    static final int MONTHS_SHOWN = 13;

    private final MonthlyCoverage coverage;
    private final WageAccrual wages;

    public PayMonths(MonthlyCoverage coverage, WageAccrual wages) {
        this.coverage = coverage;
        this.wages = wages;
    }

    public List<PayMonth> of(ProjectBook book, LocalDate today) {
        List<PayMonth> out = new ArrayList<>();
        if (book.project() == null) {
            return out;
        }
        for (YearMonth m : shown(book, YearMonth.from(today))) {
            out.add(month(book, m, today));
        }
        return out;
    }

    private static Set<YearMonth> shown(ProjectBook book, YearMonth current) {
        Set<YearMonth> months = new TreeSet<>();
        if (book.project().startDate != null) {
            YearMonth first = YearMonth.from(book.project().startDate);
            YearMonth earliest = current.minusMonths(MONTHS_SHOWN - 1);
            for (YearMonth m = first.isBefore(earliest) ? earliest : first; !m.isAfter(current); m = m.plusMonths(1)) {
                months.add(m);
            }
        }
        for (String period : book.periods()) {
            YearMonth m = PayPeriod.parse(period);
            if (!m.isAfter(current)) {
                months.add(m);
            }
        }
        return months;
    }

    private PayMonth month(ProjectBook book, YearMonth m, LocalDate today) {
        PayMonth pm = new PayMonth();
        String period = m.toString();
        pm.month = period;
        MonthlyCoverage.Coverage c = coverage.coverage(book, m);
        pm.laborCostRatio = c.ratio();
        pm.requiredFen = c.requiredFen();
        pm.depositedFen = c.depositedFen();
        pm.coverage = c.coverage();
        pm.blueBelowCoverage = c.blueBelowCoverage();
        pm.yellowBelowCoverage = c.yellowBelowCoverage();
        LocalDate due = PayPeriod.dueDate(period, book.payDay());
        pm.dueDate = due.toString();
        ProjectBook.PeriodWages w = book.wagesOf(period, wages);
        pm.accruedFen = w.accruedFen();
        if (today.isAfter(due)) {
            pm.overdueFen = w.unpaidFen();
            pm.unpaidWorkers = w.workersOwed();
        }
        pm.paidFen = book.paidTotalFen(period);
        pm.daysPastDue = pm.overdueFen > 0 ? BusinessCalendar.daysBetween(due, today) : 0;
        return pm;
    }
}
