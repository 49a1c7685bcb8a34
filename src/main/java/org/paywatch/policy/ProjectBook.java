package org.paywatch.policy;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.paywatch.contract.Direction;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.contract.TaxChangeType;
import org.paywatch.domain.BankTransaction;
import org.paywatch.domain.ClockIn;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.ProgressReport;
import org.paywatch.domain.TaxChange;
import org.paywatch.domain.WorkerRegistration;

/**
 * Everything paywatch knows about one project, as the "Definitions" of RULES.md use it: the
 * registry entry, real-name registrations, attendance, deposits, payouts and the account. It is a
 * ledger: records are applied in any order, and a late one lands where its business time puts it.
 * Rules read it through the methods below, which hand out the values or unmodifiable views (never
 * copies: clock-ins are the hot path); only {@link #apply} writes it, and {@link #forgetSettledBefore}
 * forgets what is settled. The alerts open about the project are the lifecycle's, in {@link AlertMemory}.
 *
 * <p>Kept in Flink state field by field (a POJO of its private fields): a new field is a state-layout
 * change (CHANGELOG.md).
 */
public class ProjectBook {
    private org.paywatch.domain.Project project;
    private Map<String, WorkerRegistration> workers = new HashMap<>();
    /** period "YYYY-MM" -> worker -> days attended, bit (d-1) for day d. */
    private Map<String, Map<String, Integer>> attendance = new HashMap<>();
    /** period "YYYY-MM" -> worker -> net fen paid for that period (payouts less returns). */
    private Map<String, Map<String, Long>> paid = new HashMap<>();
    /** month "YYYY-MM" of booking -> labour-cost deposits booked in it, fen. */
    private Map<String, Long> deposits = new HashMap<>();

    private Long lastDepositAt;
    /** month "YYYY-MM" of booking -> transfers out and cash withdrawals. */
    private Map<String, AccountOutflow> outflows = new HashMap<>();
    /** Balance as the bank last reported it, and when; null if it never did. */
    private Long reportedBalanceFen;

    private long reportedBalanceAt;
    /** Credits minus debits seen, for banks that send no balance. */
    private long ledgerBalanceFen;

    private boolean frozen;
    private long frozenChangedAt = Long.MIN_VALUE;
    /** period "YYYY-MM" -> the latest progress report for it. */
    private Map<String, ProgressReport> progress = new HashMap<>();
    /** worker -> month "YYYY-MM" of booking -> gross wage payouts booked to them that month, fen (PW08). */
    private Map<String, Map<String, Long>> payoutsBooked = new HashMap<>();
    /** day "YYYY-MM-DD" of booking -> gross wage payouts booked that day, fen (PW04's payout rate). */
    private Map<String, Long> payoutsByDay = new HashMap<>();
    /** enterprise credit code -> tax-change type -> its latest signal (PW16); RECOVERED clears what came before it. */
    private Map<String, Map<String, TaxChange>> taxSignals = new HashMap<>();

    public boolean isRegistered() {
        return project != null;
    }

    /** Applies one record to the book. Duplicates are removed upstream (txnId), so this just books. */
    public void apply(FeedEvent e) {
        switch (e.feed) {
            case PROJECTS -> {
                if (project == null || e.project.updatedAt >= project.updatedAt) {
                    project = e.project;
                }
            }
            case WORKERS -> {
                WorkerRegistration known = workers.get(e.worker.workerId);
                if (known == null || e.worker.updatedAt >= known.updatedAt) {
                    workers.put(e.worker.workerId, e.worker);
                }
            }
            case CLOCKINS -> attend(e.clockIn);
            case BANK -> book(e.bank);
            case PROGRESS -> {
                ProgressReport known = progress.get(e.progress.period);
                if (known == null || e.progress.reportedAt >= known.reportedAt) {
                    progress.put(e.progress.period, e.progress);
                }
            }
            case TAX -> signal(e.tax);
        }
    }

    private void signal(TaxChange t) {
        Map<String, TaxChange> signals = taxSignals.computeIfAbsent(t.creditCode, c -> new HashMap<>());
        if (t.changeType == TaxChangeType.RECOVERED) {
            signals.values().removeIf(known -> known.eventTime <= t.eventTime);
            return;
        }
        TaxChange known = signals.get(t.changeType.name());
        if (known == null || t.eventTime >= known.eventTime) {
            signals.put(t.changeType.name(), t);
        }
    }

    private void attend(ClockIn c) {
        if (c.direction != Direction.IN) {
            return;
        }
        LocalDate day = BusinessCalendar.date(c.eventTime);
        attendance
                .computeIfAbsent(day.toString().substring(0, 7), p -> new HashMap<>())
                .merge(c.workerId, 1 << (day.getDayOfMonth() - 1), (a, b) -> a | b);
    }

    private void book(BankTransaction t) {
        String month = BusinessCalendar.period(t.eventTime).toString();
        switch (t.type) {
            case LABOR_COST_DEPOSIT -> {
                deposits.merge(month, t.amountFen, Long::sum);
                lastDepositAt = lastDepositAt == null ? t.eventTime : Math.max(lastDepositAt, t.eventTime);
                ledgerBalanceFen += t.amountFen;
            }
            case WAGE_PAYOUT -> {
                paid.computeIfAbsent(PayPeriod.ofPayout(t.wagePeriod, t.eventTime), p -> new HashMap<>())
                        .merge(t.workerId, t.amountFen, Long::sum);
                payoutsBooked.computeIfAbsent(t.workerId, w -> new HashMap<>()).merge(month, t.amountFen, Long::sum);
                payoutsByDay.merge(BusinessCalendar.date(t.eventTime).toString(), t.amountFen, Long::sum);
                ledgerBalanceFen -= t.amountFen;
            }
            case PAYOUT_RETURNED -> {
                paid.computeIfAbsent(PayPeriod.ofPayout(t.wagePeriod, t.eventTime), p -> new HashMap<>())
                        .merge(t.workerId, -t.amountFen, Long::sum);
                ledgerBalanceFen += t.amountFen;
            }
            case TRANSFER_OUT, CASH_WITHDRAWAL -> {
                AccountOutflow o = outflows.computeIfAbsent(month, m -> new AccountOutflow());
                o.count++;
                o.amountFen += t.amountFen;
                ledgerBalanceFen -= t.amountFen;
            }
            case OTHER_CREDIT -> ledgerBalanceFen += t.amountFen;
            case FREEZE, UNFREEZE -> {
                if (t.eventTime >= frozenChangedAt) {
                    frozen = t.type == org.paywatch.contract.BankTransactionType.FREEZE;
                    frozenChangedAt = t.eventTime;
                }
            }
            case ACCOUNT_OPENED, ACCOUNT_CLOSED -> {
                // the binding comes from the registry; nothing to book
            }
        }
        if (t.balanceAfterFen != null && (reportedBalanceFen == null || t.eventTime >= reportedBalanceAt)) {
            reportedBalanceFen = t.balanceAfterFen;
            reportedBalanceAt = t.eventTime;
        }
    }

    // ---- what the book holds, read-only ----

    /** The registry entry, or null before the project's registration has arrived. */
    public org.paywatch.domain.Project project() {
        return project;
    }

    /** Real-name registrations by worker. */
    public Map<String, WorkerRegistration> workers() {
        return Collections.unmodifiableMap(workers);
    }

    /** Pay periods "YYYY-MM" with attendance. */
    public Set<String> attendedPeriods() {
        return Collections.unmodifiableSet(attendance.keySet());
    }

    /** Pay periods "YYYY-MM" with a payout booked for them (even if later returned). */
    public Set<String> paidPeriods() {
        return Collections.unmodifiableSet(paid.keySet());
    }

    /** Worker -> net fen paid for the period (payouts less returns); empty if nothing was. */
    public Map<String, Long> paid(String period) {
        return inner(paid, period);
    }

    /** Labour-cost deposits booked in the month "YYYY-MM", fen. */
    public long depositedFen(String month) {
        return deposits.getOrDefault(month, 0L);
    }

    /** When the last labour-cost deposit was booked, or null if none ever was. */
    public Long lastDepositAt() {
        return lastDepositAt;
    }

    /** Month "YYYY-MM" of booking -> its transfers out and cash withdrawals. */
    public Map<String, AccountOutflow> outflows() {
        return Collections.unmodifiableMap(outflows);
    }

    public boolean isFrozen() {
        return frozen;
    }

    /** When the account was last frozen or unfrozen; Long.MIN_VALUE if never. */
    public long frozenChangedAt() {
        return frozenChangedAt;
    }

    /** The latest progress report for the period "YYYY-MM", or null. */
    public ProgressReport progress(String period) {
        return progress.get(period);
    }

    /** The latest progress report of each period. */
    public Collection<ProgressReport> progressReports() {
        return Collections.unmodifiableCollection(progress.values());
    }

    /** Workers with gross wage payouts booked to them (PW08). */
    public Set<String> bookedPayees() {
        return Collections.unmodifiableSet(payoutsBooked.keySet());
    }

    /** Month "YYYY-MM" of booking -> gross wage payouts booked to the worker in it, fen; empty if none (PW08). */
    public Map<String, Long> payoutsBooked(String workerId) {
        return inner(payoutsBooked, workerId);
    }

    /** Whether any wage payout is booked on a day the book still holds (PW04's payout rate). */
    public boolean hasDailyPayouts() {
        return !payoutsByDay.isEmpty();
    }

    /** Gross wage payouts booked on the day, fen (PW04's payout rate). */
    public long payoutsOn(LocalDate day) {
        return payoutsByDay.getOrDefault(day.toString(), 0L);
    }

    /** Tax-change type -> the latest signal about the enterprise (PW16); empty if none stands. */
    public Map<String, TaxChange> taxSignals(String creditCode) {
        return inner(taxSignals, creditCode);
    }

    /** The inner map of a two-level one, read-only; empty where there is none. */
    private static <V> Map<String, V> inner(Map<String, Map<String, V>> outer, String key) {
        Map<String, V> m = outer.get(key);
        return m == null ? Map.of() : Collections.unmodifiableMap(m);
    }

    // ---- the definitions of RULES.md ----

    /** Active project: status ACTIVE and start date reached. */
    public boolean isActive(LocalDate today) {
        return project != null
                && project.status == ProjectStatus.ACTIVE
                && project.startDate != null
                && !today.isBefore(project.startDate);
    }

    /** Balance of the account: the bank's latest reported balance, otherwise credits minus debits. */
    public long balanceFen() {
        return reportedBalanceFen != null ? reportedBalanceFen : ledgerBalanceFen;
    }

    public Integer payDay() {
        return project == null ? null : project.payDay;
    }

    /** Workers with at least one attended day in the period, sorted (deterministic output). */
    public Set<String> attendedWorkers(String period) {
        Map<String, Integer> days = attendance.get(period);
        return days == null ? Set.of() : new TreeSet<>(days.keySet());
    }

    public int attendedDays(String period, String workerId) {
        Map<String, Integer> days = attendance.get(period);
        return days == null ? 0 : Integer.bitCount(days.getOrDefault(workerId, 0));
    }

    /** Whether at least one payout for the period has been booked (even if later returned). */
    public boolean hasPayout(String period) {
        return paid.containsKey(period);
    }

    public long paidFen(String period, String workerId) {
        Map<String, Long> p = paid.get(period);
        return p == null ? 0 : p.getOrDefault(workerId, 0L);
    }

    /**
     * Accrued wages of a worker for a period: daily rate x attended days; monthly rate x attended
     * days / the paid days of a month ({@code wages}), capped at the monthly rate. 0 for a worker with no
     * registration (rate unknown).
     */
    public long accruedFen(String period, String workerId, WageAccrual wages) {
        WorkerRegistration w = workers.get(workerId);
        int days = attendedDays(period, workerId);
        if (w == null || days == 0) {
            return 0;
        }
        return wages.accruedFen(w.wageType, w.wageRateFen, days);
    }

    /** Accrued and not paid for a period, per worker (never negative). */
    public long unpaidFen(String period, String workerId, WageAccrual wages) {
        return Math.max(0, accruedFen(period, workerId, wages) - paidFen(period, workerId));
    }

    /** Workers paid for any period who have no real-name registration on the project. */
    public Set<String> unregisteredPayees() {
        Set<String> payees = new TreeSet<>();
        for (Map<String, Long> byWorker : paid.values()) {
            payees.addAll(byWorker.keySet());
        }
        payees.removeIf(workers::containsKey);
        return payees;
    }

    /** Periods with attendance or payouts, sorted. */
    public Set<String> periods() {
        Set<String> all = new TreeSet<>(attendance.keySet());
        all.addAll(paid.keySet());
        return all;
    }

    /** Overdue wages (RULES.md): accrued in periods whose due date has passed, less what was paid for them. */
    public Overdue overdue(LocalDate today, WageAccrual wages) {
        long fen = 0;
        Set<String> owed = new HashSet<>();
        for (String period : attendance.keySet()) {
            if (!today.isAfter(PayPeriod.dueDate(period, payDay()))) {
                continue;
            }
            for (String worker : attendance.get(period).keySet()) {
                long unpaid = unpaidFen(period, worker, wages);
                if (unpaid > 0) {
                    fen += unpaid;
                    owed.add(worker);
                }
            }
        }
        return new Overdue(fen, owed.size());
    }

    /** Accrued and unpaid wages of the periods that have ended by {@code today} (PW04). */
    public long unpaidClosedFen(LocalDate today, WageAccrual wages) {
        String current = today.toString().substring(0, 7);
        long fen = 0;
        for (Map.Entry<String, Map<String, Integer>> e : attendance.entrySet()) {
            if (e.getKey().compareTo(current) < 0) {
                for (String worker : e.getValue().keySet()) {
                    fen += unpaidFen(e.getKey(), worker, wages);
                }
            }
        }
        return fen;
    }

    /** Distinct workers with an IN clock-in on the day, sorted. */
    public Set<String> workersOn(LocalDate day) {
        Map<String, Integer> days = attendance.get(day.toString().substring(0, 7));
        Set<String> out = new TreeSet<>();
        if (days != null) {
            int bit = 1 << (day.getDayOfMonth() - 1);
            days.forEach((worker, mask) -> {
                if ((mask & bit) != 0) {
                    out.add(worker);
                }
            });
        }
        return out;
    }

    /** How many workers clocked in on the day: {@link #workersOn}'s size, without building the set. */
    public int workerCountOn(LocalDate day) {
        Map<String, Integer> days = attendance.get(day.toString().substring(0, 7));
        if (days == null) {
            return 0;
        }
        int bit = 1 << (day.getDayOfMonth() - 1);
        int n = 0;
        for (int mask : days.values()) {
            if ((mask & bit) != 0) {
                n++;
            }
        }
        return n;
    }

    /** The last day anyone clocked in on the project, or null. */
    public LocalDate lastClockInDay() {
        return lastDay(null);
    }

    /** The last day the worker clocked in on the project, or null. */
    public LocalDate lastClockInDay(String workerId) {
        return lastDay(workerId);
    }

    private LocalDate lastDay(String workerId) {
        // "YYYY-MM" keys sort as their months do: the last day lies in the latest period with attendance. Parsing that
        // one key, not every key, matters: PW09 asks for every worker of the project at every daily review.
        String latest = null;
        int latestMask = 0;
        for (Map.Entry<String, Map<String, Integer>> e : attendance.entrySet()) {
            int mask = 0;
            if (workerId == null) {
                for (int m : e.getValue().values()) {
                    mask |= m;
                }
            } else {
                mask = e.getValue().getOrDefault(workerId, 0);
            }
            if (mask != 0 && (latest == null || e.getKey().compareTo(latest) > 0)) {
                latest = e.getKey();
                latestMask = mask;
            }
        }
        return latest == null
                ? null
                : java.time.YearMonth.parse(latest).atDay(32 - Integer.numberOfLeadingZeros(latestMask));
    }

    /**
     * Forgets the attendance and payouts of pay periods that ended before {@code day} and are settled
     * (nobody is owed anything for them and no alert in {@code alerts} is open about them), and the booking-date sums
     * from before it: a project that runs for years keeps a book of bounded size. What is still owed
     * is never forgotten.
     */
    public void forgetSettledBefore(LocalDate day, WageAccrual wages, AlertMemory alerts) {
        String month = day.toString().substring(0, 7);
        Set<String> alerted = new HashSet<>();
        alerts.openAlerts().forEach(a -> alerted.add(a.scope));
        for (String period : new TreeSet<>(periods())) {
            if (period.compareTo(month) >= 0) {
                break;
            }
            boolean settled = !alerted.contains(period);
            for (String worker : attendedWorkers(period)) {
                settled &= unpaidFen(period, worker, wages) == 0;
            }
            if (settled) {
                attendance.remove(period);
                paid.remove(period);
            }
        }
        payoutsBooked.values().forEach(byMonth -> byMonth.keySet().removeIf(m -> m.compareTo(month) < 0));
        payoutsBooked.values().removeIf(Map::isEmpty);
        payoutsByDay.keySet().removeIf(d -> d.compareTo(day.toString()) < 0);
    }

    /** Overdue wages of a project: the amount and how many distinct workers are owed. */
    public record Overdue(long fen, int workers) {}
}
