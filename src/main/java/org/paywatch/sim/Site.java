package org.paywatch.sim;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paywatch.contract.Project;
import org.paywatch.contract.WageType;
import org.paywatch.contract.Worker;
import org.paywatch.policy.PayPeriod;

/** One simulated construction site: its registry entry and crew, its habits, and its running books. */
final class Site {
    final Project project;
    final List<Worker> crew;
    final Fault fault;
    final String bankCode;
    final String accountNo;
    /** The contractor's own basic account: where a misused transfer goes. */
    final String contractorAccountNo;
    /** Day of month of the regular labour-cost deposit. */
    final int depositDay;
    /** Day of month M+1 on which a punctual project pays the wages of M. */
    final int payoutDay;
    /** Workers never paid (the unpaid-crew faults). */
    final Set<String> leftOffPayroll;
    /** The day of the project's one-off fault event (transfer, withdrawal, freeze, last deposit), if any. */
    final LocalDate faultDay;
    /** The day a frozen account is released, if it is. */
    final LocalDate releaseDay;
    /** Labour cost as a share of completed value (PW01's ratio for the category). */
    final double laborCostRatio;
    /** The share of PW01's required labour cost a month's deposits reach (at least all of it). */
    final double depositCoverage;
    /** Labour-cost deposits a month (PW02's cycle); the month's deposit is split among them. */
    final int depositsPerMonth;
    /** Months from the start month to the planned-end month, both counted, as PW01 counts them. */
    final long plannedMonths;
    /** Construction month -> the value the project completes in it, decided in advance so the deposit can cover it. */
    private final Map<YearMonth, Long> completedFen;

    long balanceFen;
    boolean frozen;
    int txnSeq;
    /** The oldest pay period not paid yet. */
    YearMonth nextPeriodToPay;
    /** Pay period -> worker -> days attended. */
    final Map<YearMonth, Map<String, Integer>> attendance = new HashMap<>();

    Site(
            Project project,
            List<Worker> crew,
            Fault fault,
            String bankCode,
            String accountNo,
            String contractorAccountNo,
            int depositDay,
            int payoutDay,
            Set<String> leftOffPayroll,
            LocalDate faultDay,
            LocalDate releaseDay,
            YearMonth firstPeriod,
            double laborCostRatio,
            double depositCoverage,
            int depositsPerMonth,
            long plannedMonths,
            Map<YearMonth, Long> completedFen) {
        this.project = project;
        this.crew = crew;
        this.fault = fault;
        this.bankCode = bankCode;
        this.accountNo = accountNo;
        this.contractorAccountNo = contractorAccountNo;
        this.depositDay = depositDay;
        this.payoutDay = payoutDay;
        this.leftOffPayroll = leftOffPayroll;
        this.faultDay = faultDay;
        this.releaseDay = releaseDay;
        this.nextPeriodToPay = firstPeriod;
        this.laborCostRatio = laborCostRatio;
        this.depositCoverage = depositCoverage;
        this.depositsPerMonth = depositsPerMonth;
        this.plannedMonths = plannedMonths;
        this.completedFen = Map.copyOf(completedFen);
    }

    String projectId() {
        return project.getProjectId();
    }

    /** Wages of a full month of work for the whole crew: what a monthly deposit is sized on. */
    long monthlyWageBillFen() {
        return monthlyWageBillFen(crew);
    }

    static long monthlyWageBillFen(List<Worker> crew) {
        long fen = 0;
        for (Worker w : crew) {
            fen += w.getWageType() == WageType.DAILY ? w.getWageRateFen() * 26 : w.getWageRateFen();
        }
        return fen;
    }

    /** The value completed in a construction month: what its progress report says. */
    long completedFen(YearMonth month) {
        return completedFen.getOrDefault(month, 0L);
    }

    /**
     * One compliant deposit for month M, of {@link #depositsPerMonth}: the labour cost PW01 requires of M
     * whichever way it judges it (ratio x the completed value of M once reported; ratio x contract / planned
     * months before) times the coverage it asks, and at least a month of the crew's wages; then
     * {@code extraPercent} more, shared among the month's deposits, each rounded up to the yuan.
     */
    long monthlyDepositFen(YearMonth month, int extraPercent) {
        long contract = project.getContractValueFen();
        // the rule's own arithmetic, rounded up instead of to the nearest fen
        double required = Math.max(laborCostRatio * completedFen(month), contract * laborCostRatio / plannedMonths)
                * depositCoverage;
        long fen = Math.max((long) Math.ceil(required), monthlyWageBillFen());
        return roundUpYuan((fen * (100 + extraPercent) / 100 + depositsPerMonth - 1) / depositsPerMonth);
    }

    private static long roundUpYuan(long fen) {
        return (fen + 99) / 100 * 100;
    }

    /** The day wages of a period are due, as the monitor reckons it (PW05). */
    LocalDate dueDate(YearMonth period) {
        return PayPeriod.dueDate(period, project.getPayDay());
    }

    /** When this project intends to pay a period. */
    LocalDate plannedPayDate(YearMonth period) {
        if (fault == Fault.LAST_MINUTE_PAYROLL) {
            return dueDate(period);
        }
        YearMonth next = period.plusMonths(1);
        return next.atDay(Math.min(payoutDay, next.lengthOfMonth()));
    }

    String nextTxnId(LocalDate day) {
        return bankCode
                + day.toString().replace("-", "")
                + projectId().replace("-", "")
                + String.format("%05d", ++txnSeq);
    }
}
