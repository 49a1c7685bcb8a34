package org.paywatch.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.ClockIn;
import org.paywatch.contract.Direction;
import org.paywatch.contract.Project;
import org.paywatch.contract.Worker;
import org.paywatch.domain.Feed;

/**
 * A live feed for measuring alert latency on a county already in the job's state: its registered workers
 * clocking in, and now and then a probe, a wage payout from a project's dedicated account to someone never
 * registered on it. Each probe's payee is new, so each raises its own PW10 (YELLOW, scope the payee's
 * pseudonym) as soon as the monitor applies it: the probe's project and payee name the alert it must cause.
 * Records are stamped with the event time they are made for (the wall clock, live).
 */
public final class LatencyProbes {
    /** A probe and the alert it must raise: PW10 on {@code projectId}, scoped to the pseudonym of {@code payeeIdCard}. */
    public record Probe(String projectId, String payeeIdCard, CountyRecord record) {}

    private static final long PAYOUT_FEN = 300_000; // 3,000 yuan: an ordinary month's wage, far below PW08's limits

    private final List<Project> projects = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final CountyNumbers numbers;
    private int nextWorker;
    private int nextProject;
    private long probes;

    /** @param registry the county's registry records ({@link SyntheticCounty#registry()}), already read by the job */
    public LatencyProbes(List<CountyRecord> registry, long seed) {
        for (CountyRecord r : registry) {
            if (r.record() instanceof Project p && p.getPayrollAccount() != null) {
                projects.add(p);
            } else if (r.record() instanceof Worker w) {
                workers.add(w);
            }
        }
        if (projects.isEmpty() || workers.isEmpty()) {
            throw new IllegalArgumentException(
                    "a county with projects that have accounts, and workers, is needed to probe");
        }
        this.numbers = new CountyNumbers(new Random(seed));
    }

    /** The next registered worker, in turn, clocking in at {@code at}. */
    public CountyRecord clockIn(Instant at) {
        Worker w = workers.get(nextWorker++ % workers.size());
        ClockIn c = ClockIn.newBuilder()
                .setProjectId(w.getProjectId())
                .setWorkerId(w.getWorkerId())
                .setDeviceId("GT-KQ-BENCH")
                .setDirection(Direction.IN)
                .setEventTime(at)
                .build();
        return new CountyRecord(Feed.CLOCKINS, w.getProjectId(), at, c);
    }

    /** The next project, in turn, paying wages at {@code at} to a payee it never registered. */
    public Probe payoutToStranger(Instant at) {
        Project p = projects.get(nextProject++ % projects.size());
        String payee = numbers.idCard(LocalDate.of(1970, 1, 1).plusDays(probes % 10_000));
        long n = ++probes;
        BankTransaction t = BankTransaction.newBuilder()
                .setTxnId("PROBE-" + at.toEpochMilli() + "-" + n)
                .setBankCode(p.getPayrollAccount().getBankCode())
                .setAccountNo(p.getPayrollAccount().getAccountNo())
                .setType(BankTransactionType.WAGE_PAYOUT)
                .setAmountFen(PAYOUT_FEN)
                .setBalanceAfterFen(null)
                .setCounterpartyAccountNo("6228480000" + String.format("%09d", n))
                .setCounterpartyName(null)
                .setWorkerId(payee)
                .setWagePeriod(YearMonth.from(at.atZone(SyntheticCounty.ZONE)).toString())
                .setEventTime(at)
                .build();
        return new Probe(p.getProjectId(), payee, new CountyRecord(Feed.BANK, t.getAccountNo(), at, t));
    }
}
