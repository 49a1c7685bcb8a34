package org.paywatch.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.paywatch.contract.Direction;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.contract.TaxChangeType;
import org.paywatch.domain.BankTransaction;
import org.paywatch.domain.ClockIn;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.ProgressReport;
import org.paywatch.domain.TaxChange;

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
    /**
     * Every worker the book has met (registered, clocked in or paid), by pseudonym, in order of first appearance: a
     * worker's place here is their number in the maps and arrays below. A pseudonym is 26 characters; kept once, not
     * once per worker and month, it makes the book a third of its size in checkpoints (docs/performance.md).
     */
    private List<String> roster = new ArrayList<>();
    /** Worker number -> what the book keeps of their real-name registration. */
    private Map<Integer, Enrolment> workers = new HashMap<>();
    /** period "YYYY-MM" -> days attended by worker number, bit (d-1) for day d; 0 beyond the array's end. */
    private Map<String, int[]> attendance = new HashMap<>();
    /** period "YYYY-MM" -> what was paid for it, by worker number. */
    private Map<String, PeriodPay> paid = new HashMap<>();
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
    /** month "YYYY-MM" of booking -> gross wage payouts booked to each worker that month by number, fen (PW08). */
    private Map<String, long[]> payoutsBooked = new HashMap<>();
    /** day "YYYY-MM-DD" of booking -> gross wage payouts booked that day, fen (PW04's payout rate). */
    private Map<String, Long> payoutsByDay = new HashMap<>();
    /** enterprise credit code -> tax-change type -> its latest signal (PW16); RECOVERED clears what came before it. */
    private Map<String, Map<String, TaxChange>> taxSignals = new HashMap<>();

    /** Pseudonym -> worker number; rebuilt from the roster after a restore or a state copy. */
    private transient Map<String, Integer> rosterIndex;
    /** The roster's numbers in pseudonym order; rebuilt when the roster has grown (it only grows), a restore or a copy. */
    private transient int[] inPseudonymOrder;

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
                int n = number(e.worker.workerId);
                Enrolment known = workers.get(n);
                if (known == null || e.worker.updatedAt >= known.updatedAt) {
                    workers.put(n, Enrolment.of(e.worker));
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
        int n = number(c.workerId);
        String period = PayPeriod.of(day);
        int[] days = attendance.get(period);
        if (days == null || days.length <= n) {
            days = days == null ? new int[roster.size()] : Arrays.copyOf(days, roster.size());
            attendance.put(period, days);
        }
        days[n] |= 1 << (day.getDayOfMonth() - 1);
    }

    /** The worker's number, given on first sight. */
    private int number(String workerId) {
        Integer n = index().get(workerId);
        if (n == null) {
            n = roster.size();
            roster.add(workerId);
            rosterIndex.put(workerId, n);
        }
        return n;
    }

    /** The worker's number, or -1 for a worker the book has never met. */
    private int numberOf(String workerId) {
        Integer n = index().get(workerId);
        return n == null ? -1 : n;
    }

    private Map<String, Integer> index() {
        if (rosterIndex == null) {
            rosterIndex = new HashMap<>(roster.size() * 2);
            for (int i = 0; i < roster.size(); i++) {
                rosterIndex.put(roster.get(i), i);
            }
        }
        return rosterIndex;
    }

    /** The mask of the worker's days in a period's array; 0 where none. */
    private static int mask(int[] days, int n) {
        return days == null || n < 0 || n >= days.length ? 0 : days[n];
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
                int n = number(t.workerId);
                paid.computeIfAbsent(PayPeriod.ofPayout(t.wagePeriod, t.eventTime), p -> new PeriodPay())
                        .book(n, t.amountFen, roster.size());
                long[] booked = payoutsBooked.get(month);
                if (booked == null || booked.length <= n) {
                    booked = booked == null ? new long[roster.size()] : Arrays.copyOf(booked, roster.size());
                    payoutsBooked.put(month, booked);
                }
                booked[n] += t.amountFen;
                payoutsByDay.merge(BusinessCalendar.date(t.eventTime).toString(), t.amountFen, Long::sum);
                ledgerBalanceFen -= t.amountFen;
            }
            case PAYOUT_RETURNED -> {
                paid.computeIfAbsent(PayPeriod.ofPayout(t.wagePeriod, t.eventTime), p -> new PeriodPay())
                        .book(number(t.workerId), -t.amountFen, roster.size());
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

    /**
     * Real-name registrations by worker, sorted, read-only, as much of each as the book keeps. Built for the call: the
     * daily review asks it once per rule that needs it.
     */
    public Map<String, Enrolment> workers() {
        Map<String, Enrolment> out = new TreeMap<>();
        workers.forEach((n, w) -> out.put(roster.get(n), w));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The registered workers, each with the last day they clocked in on the project, in no particular order. PW09 asks
     * this of every worker at every daily review and bank record: one pass over the periods, not one per worker, and
     * each period's first day parsed once, not once per worker (that parsing was most of PW09's time).
     */
    public List<Enrolled> enrolled() {
        int size = roster.size();
        String[] latest = new String[size];
        int[] latestMask = new int[size];
        for (Map.Entry<String, int[]> e : attendance.entrySet()) {
            int[] days = e.getValue();
            for (int n = 0; n < Math.min(days.length, size); n++) {
                // "YYYY-MM" keys sort as their months do
                if (days[n] != 0 && (latest[n] == null || e.getKey().compareTo(latest[n]) > 0)) {
                    latest[n] = e.getKey();
                    latestMask[n] = days[n];
                }
            }
        }
        Map<String, Long> firstDays = new HashMap<>(); // period -> epoch day of its first day
        List<Enrolled> out = new ArrayList<>(workers.size());
        workers.forEach((n, w) -> {
            long last = Enrolled.NEVER;
            if (latest[n] != null) {
                long firstDay = firstDays.computeIfAbsent(
                        latest[n], period -> PayPeriod.day(period, 1).toEpochDay());
                last = firstDay + 31 - Integer.numberOfLeadingZeros(latestMask[n]); // bit d-1 is day d
            }
            out.add(new Enrolled(roster.get(n), w, last));
        });
        return out;
    }

    /**
     * A registered worker: pseudonym, what the rules read of the registration, and the last day clocked in as an epoch
     * day ({@link #NEVER} if never).
     */
    public record Enrolled(String workerId, Enrolment enrolment, long lastClockInDay) {
        public static final long NEVER = Long.MIN_VALUE;

        /** The last day the worker clocked in on the project, or null if never. */
        public LocalDate lastClockIn() {
            return lastClockInDay == NEVER ? null : LocalDate.ofEpochDay(lastClockInDay);
        }
    }

    /** Whether the worker has a real-name registration on the project. */
    public boolean isRegistered(String workerId) {
        int n = numberOf(workerId);
        return n >= 0 && workers.containsKey(n);
    }

    /** Pay periods "YYYY-MM" with attendance. */
    public Set<String> attendedPeriods() {
        return Collections.unmodifiableSet(attendance.keySet());
    }

    /** Pay periods "YYYY-MM" with a payout booked for them (even if later returned). */
    public Set<String> paidPeriods() {
        return Collections.unmodifiableSet(paid.keySet());
    }

    /** Worker -> net fen paid for the period (payouts less returns), sorted; empty if nothing was. */
    public Map<String, Long> paid(String period) {
        PeriodPay p = paid.get(period);
        if (p == null) {
            return Map.of();
        }
        Map<String, Long> out = new TreeMap<>();
        for (int n = 0; n < p.size(); n++) {
            if (p.paidTo(n)) {
                out.put(roster.get(n), p.fen(n));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** A worker with a payout booked for a period: net pay for it (payouts less returns) and the days attended in it. */
    public record Payee(long netFen, int attendedDays) {}

    /**
     * The workers with a payout booked for the period (even if returned since), in pseudonym order, as {@link #paid}
     * lists them: PW07 sums a shortfall in floating point, whose last digit depends on the order.
     */
    public List<Payee> payees(String period) {
        PeriodPay pay = paid.get(period);
        if (pay == null) {
            return List.of();
        }
        int[] days = attendance.get(period);
        List<Payee> out = new ArrayList<>();
        for (int n : inPseudonymOrder()) {
            if (pay.paidTo(n)) {
                out.add(new Payee(pay.fen(n), Integer.bitCount(mask(days, n))));
            }
        }
        return out;
    }

    private int[] inPseudonymOrder() {
        if (inPseudonymOrder == null || inPseudonymOrder.length != roster.size()) {
            inPseudonymOrder = IntStream.range(0, roster.size())
                    .boxed()
                    .sorted(Comparator.comparing(roster::get))
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
        return inPseudonymOrder;
    }

    /** Net fen paid for the period, all workers together. */
    public long paidTotalFen(String period) {
        PeriodPay p = paid.get(period);
        long fen = 0;
        if (p != null) {
            for (long f : p.fen) {
                fen += f;
            }
        }
        return fen;
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

    /** Workers with gross wage payouts booked to them (PW08), sorted; payouts of 0 fen count as none. */
    public Set<String> bookedPayees() {
        Set<String> out = new TreeSet<>();
        for (long[] byWorker : payoutsBooked.values()) {
            for (int n = 0; n < byWorker.length; n++) {
                if (byWorker[n] != 0) {
                    out.add(roster.get(n));
                }
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * The largest gross wage payouts booked to any one worker in one month of booking and in one calendar year, fen
     * (PW08): in one pass over the book, so that the daily review looks at each worker's months only when one of them
     * can be over a limit.
     */
    public PayoutPeaks payoutPeaks() {
        long month = 0;
        Map<String, long[]> byYear = new HashMap<>();
        for (Map.Entry<String, long[]> e : payoutsBooked.entrySet()) {
            long[] fen = e.getValue();
            long[] year = byYear.computeIfAbsent(e.getKey().substring(0, 4), y -> new long[roster.size()]);
            for (int n = 0; n < fen.length; n++) {
                month = Math.max(month, fen[n]);
                year[n] += fen[n];
            }
        }
        long year = 0;
        for (long[] fen : byYear.values()) {
            for (long f : fen) {
                year = Math.max(year, f);
            }
        }
        return new PayoutPeaks(month, year);
    }

    /** The largest gross payouts booked to one worker in one month and in one calendar year, fen. */
    public record PayoutPeaks(long monthFen, long yearFen) {}

    /** Month "YYYY-MM" of booking -> gross wage payouts booked to the worker in it, fen, sorted; empty if none (PW08). */
    public Map<String, Long> payoutsBooked(String workerId) {
        int n = numberOf(workerId);
        Map<String, Long> out = new TreeMap<>();
        payoutsBooked.forEach((month, byWorker) -> {
            if (n >= 0 && n < byWorker.length && byWorker[n] != 0) {
                out.put(month, byWorker[n]);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** Whether any wage payout is booked on a day the book still holds (PW04's payout rate). */
    public boolean hasDailyPayouts() {
        return !payoutsByDay.isEmpty();
    }

    /** Gross wage payouts booked on the day, fen (PW04's payout rate). */
    /** Fen paid out on the days from {@code from} up to, not including, {@code until}. */
    public long payoutsBetween(LocalDate from, LocalDate until) {
        String first = from.toString();
        String end = until.toString();
        long fen = 0;
        for (Map.Entry<String, Long> day : payoutsByDay.entrySet()) {
            // ISO dates compare as the days do
            if (day.getKey().compareTo(first) >= 0 && day.getKey().compareTo(end) < 0) {
                fen += day.getValue();
            }
        }
        return fen;
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
        int[] days = attendance.get(period);
        if (days == null) {
            return Set.of();
        }
        Set<String> out = new TreeSet<>();
        for (int n = 0; n < days.length; n++) {
            if (days[n] != 0) {
                out.add(roster.get(n));
            }
        }
        return out;
    }

    /**
     * PW06's count for a period: its workers with attendance, those of them without a payout, and what those have
     * accrued; by worker number, without building the set of pseudonyms (every daily review asks it of every period).
     */
    public PayrollGap payrollGap(String period, WageAccrual wages) {
        int[] days = attendance.get(period);
        PeriodPay pay = paid.get(period);
        int attended = 0;
        int unpaid = 0;
        long accruedFen = 0;
        for (int n = 0; days != null && n < days.length; n++) {
            if (days[n] != 0) {
                attended++;
                if (fen(pay, n) <= 0) {
                    unpaid++;
                    accruedFen += accruedFen(n, Integer.bitCount(days[n]), wages);
                }
            }
        }
        return new PayrollGap(attended, unpaid, accruedFen);
    }

    /**
     * A period's wages, for the boards' pay month: what its workers accrued, what of it is unpaid, and how many of
     * them are owed; by worker number in one pass (every risk snapshot asks it of up to 13 months).
     */
    public PeriodWages wagesOf(String period, WageAccrual wages) {
        int[] days = attendance.get(period);
        PeriodPay pay = paid.get(period);
        long accrued = 0;
        long unpaid = 0;
        int owed = 0;
        for (int n = 0; days != null && n < days.length; n++) {
            if (days[n] != 0) {
                long a = accruedFen(n, Integer.bitCount(days[n]), wages);
                long u = Math.max(0, a - fen(pay, n));
                accrued += a;
                if (u > 0) {
                    unpaid += u;
                    owed++;
                }
            }
        }
        return new PeriodWages(accrued, unpaid, owed);
    }

    public int attendedDays(String period, String workerId) {
        return Integer.bitCount(mask(attendance.get(period), numberOf(workerId)));
    }

    /** Whether at least one payout for the period has been booked (even if later returned). */
    public boolean hasPayout(String period) {
        return paid.containsKey(period);
    }

    public long paidFen(String period, String workerId) {
        return paidFen(period, numberOf(workerId));
    }

    private long paidFen(String period, int n) {
        return fen(paid.get(period), n);
    }

    /** Net pay of worker number {@code n} in a period's pay (none: 0); loops over a period's workers look it up once. */
    private static long fen(PeriodPay pay, int n) {
        return pay == null ? 0 : pay.fen(n);
    }

    /**
     * Accrued wages of a worker for a period: daily rate x attended days; monthly rate x attended
     * days / the paid days of a month ({@code wages}), capped at the monthly rate. 0 for a worker with no
     * registration (rate unknown).
     */
    public long accruedFen(String period, String workerId, WageAccrual wages) {
        return accruedFen(
                numberOf(workerId), Integer.bitCount(mask(attendance.get(period), numberOf(workerId))), wages);
    }

    private long accruedFen(int n, int days, WageAccrual wages) {
        Enrolment w = n < 0 ? null : workers.get(n);
        if (w == null || days == 0) {
            return 0;
        }
        return wages.accruedFen(w.wageType, w.wageRateFen, days);
    }

    /** Accrued and not paid for a period, per worker (never negative). */
    public long unpaidFen(String period, String workerId, WageAccrual wages) {
        return Math.max(0, accruedFen(period, workerId, wages) - paidFen(period, workerId));
    }

    /** Accrued and unpaid of worker number {@code n} in a period whose attendance array is {@code days}. */
    private long unpaidFen(int[] days, PeriodPay pay, int n, WageAccrual wages) {
        return Math.max(0, accruedFen(n, Integer.bitCount(days[n]), wages) - fen(pay, n));
    }

    /** Workers paid for any period who have no real-name registration on the project. */
    public Set<String> unregisteredPayees() {
        Set<String> payees = new TreeSet<>();
        for (PeriodPay p : paid.values()) {
            for (int n = 0; n < p.size(); n++) {
                if (p.paidTo(n) && !workers.containsKey(n)) {
                    payees.add(roster.get(n));
                }
            }
        }
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
        BitSet owed = new BitSet();
        for (Map.Entry<String, int[]> e : attendance.entrySet()) {
            if (!today.isAfter(PayPeriod.dueDate(e.getKey(), payDay()))) {
                continue;
            }
            int[] days = e.getValue();
            PeriodPay pay = paid.get(e.getKey());
            for (int n = 0; n < days.length; n++) {
                if (days[n] != 0) {
                    long unpaid = unpaidFen(days, pay, n, wages);
                    if (unpaid > 0) {
                        fen += unpaid;
                        owed.set(n);
                    }
                }
            }
        }
        return new Overdue(fen, owed.cardinality());
    }

    /** Accrued and unpaid wages of the periods that have ended by {@code today} (PW04). */
    public long unpaidClosedFen(LocalDate today, WageAccrual wages) {
        String current = PayPeriod.of(today);
        long fen = 0;
        for (Map.Entry<String, int[]> e : attendance.entrySet()) {
            if (e.getKey().compareTo(current) < 0) {
                int[] days = e.getValue();
                PeriodPay pay = paid.get(e.getKey());
                for (int n = 0; n < days.length; n++) {
                    if (days[n] != 0) {
                        fen += unpaidFen(days, pay, n, wages);
                    }
                }
            }
        }
        return fen;
    }

    /** Who clocked in on the day: how many workers, and how many of them have no registration on the project (PW11). */
    public Headcount headcountOn(LocalDate day) {
        int[] days = attendance.get(PayPeriod.of(day));
        int present = 0;
        int unregistered = 0;
        if (days != null) {
            int bit = 1 << (day.getDayOfMonth() - 1);
            for (int n = 0; n < days.length; n++) {
                if ((days[n] & bit) != 0) {
                    present++;
                    if (!workers.containsKey(n)) {
                        unregistered++;
                    }
                }
            }
        }
        return new Headcount(present, unregistered);
    }

    /** How many workers clocked in on the day. */
    public int workerCountOn(LocalDate day) {
        int[] days = attendance.get(PayPeriod.of(day));
        if (days == null) {
            return 0;
        }
        int bit = 1 << (day.getDayOfMonth() - 1);
        int n = 0;
        for (int mask : days) {
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
        int n = workerId == null ? -1 : numberOf(workerId);
        if (workerId != null && n < 0) {
            return null;
        }
        String latest = null;
        int latestMask = 0;
        for (Map.Entry<String, int[]> e : attendance.entrySet()) {
            int mask = 0;
            if (workerId == null) {
                for (int m : e.getValue()) {
                    mask |= m;
                }
            } else {
                mask = mask(e.getValue(), n);
            }
            if (mask != 0 && (latest == null || e.getKey().compareTo(latest) > 0)) {
                latest = e.getKey();
                latestMask = mask;
            }
        }
        return latest == null ? null : PayPeriod.day(latest, 32 - Integer.numberOfLeadingZeros(latestMask));
    }

    /**
     * Forgets the attendance and payouts of pay periods that ended before {@code day} and are settled
     * (nobody is owed anything for them and no alert in {@code alerts} is open about them), and the booking-date sums
     * from before it: a project that runs for years keeps a book of bounded size. What is still owed
     * is never forgotten.
     */
    public void forgetSettledBefore(LocalDate day, WageAccrual wages, AlertMemory alerts) {
        String month = PayPeriod.of(day);
        Set<String> alerted = new HashSet<>();
        alerts.openAlerts().forEach(a -> alerted.add(a.scope));
        for (String period : periods()) {
            if (period.compareTo(month) >= 0) {
                break;
            }
            boolean settled = !alerted.contains(period);
            int[] days = attendance.get(period);
            PeriodPay pay = paid.get(period);
            for (int n = 0; days != null && n < days.length && settled; n++) {
                settled = days[n] == 0 || unpaidFen(days, pay, n, wages) == 0;
            }
            if (settled) {
                attendance.remove(period);
                paid.remove(period);
            }
        }
        payoutsBooked.keySet().removeIf(m -> m.compareTo(month) < 0);
        payoutsByDay.keySet().removeIf(d -> d.compareTo(day.toString()) < 0);
    }

    /** Workers who clocked in on a day, and those of them not registered on the project. */
    public record Headcount(int present, int unregistered) {}

    /** Workers with attendance in a period, those of them without a payout for it, and the fen those have accrued. */
    public record PayrollGap(int attended, int unpaid, long unpaidAccruedFen) {}

    /** One period's wages: accrued by its workers, the unpaid part of that, and how many workers it is owed to. */
    public record PeriodWages(long accruedFen, long unpaidFen, int workersOwed) {}

    /** Overdue wages of a project: the amount and how many distinct workers are owed. */
    public record Overdue(long fen, int workers) {}
}
