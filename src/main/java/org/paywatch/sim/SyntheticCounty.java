package org.paywatch.sim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.ClockIn;
import org.paywatch.contract.ContactRole;
import org.paywatch.contract.Direction;
import org.paywatch.contract.Enterprise;
import org.paywatch.contract.PayrollAccount;
import org.paywatch.contract.Progress;
import org.paywatch.contract.Project;
import org.paywatch.contract.ProjectCategory;
import org.paywatch.contract.ProjectContact;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.contract.WageType;
import org.paywatch.contract.Worker;
import org.paywatch.domain.Feed;
import org.paywatch.policy.PolicyConfig;

/**
 * A made-up but plausible Gaotai County (高台县): its nine towns, its construction projects of every
 * category (sixty in the demo), their contractors and workers (about two thousand in the demo), and a
 * few months of the feeds the supervision system would receive from them: labour-cost deposits, daily
 * clock-ins, monthly payrolls and progress reports. The size, the days and whether anything goes
 * wrong come from a {@link CountyPlan}. With faults, one project in six goes wrong in one of the
 * {@link Fault} ways; every other project complies with every rule of the catalog (RULES.md), as
 * {@code CompliantCountyTest} checks by replaying a fault-free county to zero alerts.
 *
 * <p>Plain Java and seedable: the same seed and dates give the same records. The registry comes
 * first ({@link #registry()}), then one simulated day at a time ({@link #nextDay()}), each day's
 * records in event-time order. Days must be taken in order: the books (balances, attendance, who
 * has been paid) carry over from one day to the next.
 */
public final class SyntheticCounty {
    public static final List<String> TOWNS = List.of("城关镇", "宣化镇", "南华镇", "巷道镇", "合黎镇", "骆驼城镇", "新坝镇", "黑泉镇", "罗城镇");
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final double ATTENDANCE = 0.92;
    /** One project in this many goes wrong, when the plan has faults. */
    private static final int FAULTY_ONE_IN = 6;
    /** Mixed into the seed for the people's own random stream. */
    private static final long PEOPLE_STREAM = 0x70656f706c65L;

    private static final String COURT = "张掖市甘州区人民法院";
    private static final String[] TEAMS = {"钢筋班", "木工班", "瓦工班", "混凝土班", "架子工班", "水电班", "杂工班", "机械班"};
    private static final String[][] BANKS = {
        {"ABC", "2731"}, {"CCB", "6205"}, {"ICBC", "2706"}, {"BOC", "1043"}, {"GTRCB", "6201"}
    };
    private static final String[] CARD_PREFIXES = {"622848", "621700", "622208", "621661", "623065"};
    private static final String[] FIRMS = {
        "华建", "祁连", "黑河", "丝路", "河西", "金张掖", "鑫达", "宏远", "恒基", "盛源", "瑞丰", "天成", "合力", "通达", "永安", "建安", "嘉禾", "润泽",
        "腾达", "博远", "正宏", "新源", "昊宇", "兴业"
    };

    private final CountyPlan plan;
    private final LocalDate firstDay;
    private final LocalDate lastDay;
    private final List<Site> sites = new ArrayList<>();
    private final Random daily;
    private final CompliantConduct conduct;
    private LocalDate nextDay;

    /** The simulated days, with what happened on each. */
    public record SimulatedDay(LocalDate date, List<CountyRecord> records) {}

    /**
     * @param policy the county's policy as the job file sets it: what a compliant site does is sized on
     *               its thresholds (see {@link CompliantConduct})
     */
    public SyntheticCounty(CountyPlan plan, PolicyConfig policy) {
        this.plan = plan;
        this.conduct = new CompliantConduct(policy);
        this.firstDay = plan.firstDay();
        this.lastDay = plan.lastDay();
        this.nextDay = firstDay;
        Random random = new Random(plan.seed());
        this.daily = new Random(random.nextLong());
        // The contacts were added later: a stream of their own left every other record of a seed as it was.
        new Founding(random, new CountyPeople(new Random(plan.seed() ^ PEOPLE_STREAM))).build();
    }

    /** The demo's county (sixty projects, one in six faulty) over the {@code months} months up to and including {@code lastDay}. */
    public static SyntheticCounty monthsEndingOn(long seed, int months, LocalDate lastDay, PolicyConfig policy) {
        return new SyntheticCounty(CountyPlan.monthsEndingOn(seed, months, lastDay), policy);
    }

    public CountyPlan plan() {
        return plan;
    }

    public LocalDate firstDay() {
        return firstDay;
    }

    public LocalDate lastDay() {
        return lastDay;
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
    }

    public int projectCount() {
        return sites.size();
    }

    public int workerCount() {
        return sites.stream().mapToInt(s -> s.crew.size()).sum();
    }

    /** The projects that go wrong, and how; every other project is compliant. */
    public Map<String, Fault> faults() {
        Map<String, Fault> faults = new TreeMap<>();
        for (Site s : sites) {
            if (s.fault != null) {
                faults.put(s.projectId(), s.fault);
            }
        }
        return faults;
    }

    /** Projects, then workers, all registered in the first minutes of the first day. */
    public List<CountyRecord> registry() {
        List<CountyRecord> records = new ArrayList<>();
        for (Site s : sites) {
            records.add(new CountyRecord(Feed.PROJECTS, s.projectId(), s.project.getUpdatedAt(), s.project));
        }
        for (Site s : sites) {
            for (Worker w : s.crew) {
                records.add(new CountyRecord(Feed.WORKERS, s.projectId() + "/" + w.getWorkerId(), w.getUpdatedAt(), w));
            }
        }
        return records;
    }

    public boolean hasNextDay() {
        return !nextDay.isAfter(lastDay);
    }

    /** The next simulated day's records, in event-time order. */
    public SimulatedDay nextDay() {
        if (!hasNextDay()) {
            throw new NoSuchElementException("the simulation ended on " + lastDay);
        }
        LocalDate day = nextDay;
        nextDay = nextDay.plusDays(1);
        List<CountyRecord> records = new ArrayList<>();
        for (Site s : sites) {
            new SiteDay(s, day, records).live();
        }
        records.sort(Comparator.comparing(CountyRecord::eventTime));
        return new SimulatedDay(day, records);
    }

    /** The registry and every day: the whole simulation at once (tests; the demo streams it day by day). */
    public List<CountyRecord> all() {
        List<CountyRecord> all = new ArrayList<>(registry());
        while (hasNextDay()) {
            all.addAll(nextDay().records());
        }
        return all;
    }

    static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(ZONE).toInstant();
    }

    /** What one site does on one day. */
    private final class SiteDay {
        private final Site s;
        private final LocalDate day;
        private final List<CountyRecord> out;

        SiteDay(Site s, LocalDate day, List<CountyRecord> out) {
            this.s = s;
            this.day = day;
            this.out = out;
        }

        void live() {
            courtOrders();
            deposits();
            payroll();
            misuse();
            attendance();
            progressReport();
        }

        private void courtOrders() {
            boolean freezes = s.fault == Fault.FROZEN || s.fault == Fault.FROZEN_THEN_RELEASED;
            if (freezes && day.equals(s.faultDay)) {
                s.frozen = true;
                bank(BankTransactionType.FREEZE, LocalTime.of(8, 30), s.balanceFen, null, COURT, null, null);
            }
            if (day.equals(s.releaseDay)) {
                s.frozen = false;
                bank(BankTransactionType.UNFREEZE, LocalTime.of(9, 30), s.balanceFen, null, COURT, null, null);
            }
        }

        /**
         * The start-up deposit on the first day (the month's labour cost and a month of wages in
         * reserve, so the balance always covers the wages of a closed month and more than 15 days of
         * payouts: PW04), then one deposit a month on the deposit day (2nd to 4th: never more than 31
         * days apart, PW02), or as many more as a shorter PW02 cycle asks, together at least the month's
         * labour cost however PW01 judges it.
         */
        private void deposits() {
            LocalTime time = LocalTime.of(9, 0).plusMinutes(daily.nextInt(30));
            YearMonth month = YearMonth.from(day);
            if (day.equals(firstDay)) {
                credit(s.monthlyDepositFen(month, daily.nextInt(8)) + s.monthlyWageBillFen(), time);
            } else if (conduct.depositOn(day.getDayOfMonth(), s.depositDay) >= 0 && depositsContinue()) {
                credit(s.monthlyDepositFen(month, daily.nextInt(8)), time);
            } else if (s.fault == Fault.DEPOSITS_LAPSING && day.equals(s.faultDay)) {
                credit(roundYuan(s.monthlyWageBillFen() * 11 / 10), time);
            }
        }

        private boolean depositsContinue() {
            if (s.fault == Fault.DEPOSITS_STOPPED) {
                return false;
            }
            return s.fault != Fault.DEPOSITS_LAPSING || day.isBefore(s.faultDay);
        }

        private void credit(long fen, LocalTime time) {
            s.balanceFen += fen;
            bank(
                    BankTransactionType.LABOR_COST_DEPOSIT,
                    time,
                    fen,
                    null,
                    s.project.getConstructionUnit().getName(),
                    null,
                    null);
        }

        /** Pays every period that is due by the project's habits, oldest first, while the money lasts. */
        private void payroll() {
            YearMonth thisMonth = YearMonth.from(day);
            LocalTime time = LocalTime.of(10, 0);
            while (s.nextPeriodToPay.isBefore(thisMonth) && !day.isBefore(s.plannedPayDate(s.nextPeriodToPay))) {
                YearMonth period = s.nextPeriodToPay;
                if (s.frozen || s.fault == Fault.WAGES_WITHHELD && period.isAfter(YearMonth.from(firstDay))) {
                    return;
                }
                Map<String, Integer> attended = s.attendance.getOrDefault(period, Map.of());
                Map<Worker, Long> payslips = new LinkedHashMap<>();
                long total = 0;
                for (Worker w : s.crew) {
                    Integer days = attended.get(w.getWorkerId());
                    if (days != null && !s.leftOffPayroll.contains(w.getWorkerId())) {
                        long fen = conduct.wages()
                                .accruedFen(w.getWageType(), w.getWageRateFen(), days); // the monitor's own definition
                        payslips.put(w, fen);
                        total += fen;
                    }
                }
                if (total > s.balanceFen) {
                    return; // not enough in the account: the wages wait for the next deposit
                }
                for (Map.Entry<Worker, Long> slip : payslips.entrySet()) {
                    s.balanceFen -= slip.getValue();
                    time = time.plusSeconds(15);
                    bank(
                            BankTransactionType.WAGE_PAYOUT,
                            time,
                            slip.getValue(),
                            cardOf(slip.getKey()),
                            null,
                            slip.getKey().getWorkerId(),
                            period.toString());
                }
                s.attendance.remove(period);
                s.nextPeriodToPay = period.plusMonths(1);
            }
        }

        private void misuse() {
            if (!day.equals(s.faultDay)) {
                return;
            }
            if (s.fault == Fault.TRANSFER_OUT) {
                long fen = roundYuan(s.balanceFen * 3 / 10);
                s.balanceFen -= fen;
                bank(
                        BankTransactionType.TRANSFER_OUT,
                        LocalTime.of(14, 20),
                        fen,
                        s.contractorAccountNo,
                        s.project.getGeneralContractor().getName(),
                        null,
                        null);
            } else if (s.fault == Fault.CASH_WITHDRAWN) {
                long fen = Math.min(s.balanceFen / 2, (50_000 + daily.nextInt(30) * 1_000) * 100L);
                s.balanceFen -= fen;
                bank(BankTransactionType.CASH_WITHDRAWAL, LocalTime.of(15, 10), fen, null, null, null, null);
            }
        }

        private void attendance() {
            if (day.getDayOfWeek() == DayOfWeek.SUNDAY || day.isBefore(s.project.getStartDate())) {
                return;
            }
            Map<String, Integer> month = s.attendance.computeIfAbsent(YearMonth.from(day), m -> new TreeMap<>());
            String device = "GT-KQ-" + s.projectId().substring(s.projectId().length() - 3);
            for (Worker w : s.crew) {
                if (daily.nextDouble() >= ATTENDANCE) {
                    continue;
                }
                month.merge(w.getWorkerId(), 1, Integer::sum);
                LocalTime time = LocalTime.of(6, 40).plusSeconds(daily.nextInt(100 * 60));
                ClockIn c = ClockIn.newBuilder()
                        .setProjectId(s.projectId())
                        .setWorkerId(w.getWorkerId())
                        .setDeviceId(device)
                        .setDirection(Direction.IN)
                        .setEventTime(at(day, time))
                        .build();
                out.add(new CountyRecord(Feed.CLOCKINS, s.projectId(), c.getEventTime(), c));
            }
        }

        private void progressReport() {
            YearMonth period = YearMonth.from(day).minusMonths(1);
            if (day.getDayOfMonth() != 5 || period.isBefore(YearMonth.from(firstDay))) {
                return;
            }
            Project p = s.project;
            long completed = s.completedFen(period);
            // Government-invested projects pay more than PW03 asks (its share exactly, rounded down, would fall short).
            long paid =
                    roundYuan(completed * (p.getGovernmentInvested() ? conduct.paidPercentOfCompleted() : 70) / 100);
            Progress r = Progress.newBuilder()
                    .setProjectId(s.projectId())
                    .setPeriod(period.toString())
                    .setCompletedValueFen(completed)
                    .setProgressPaymentFen(paid)
                    .setReportedAt(at(day, LocalTime.of(16, 30)))
                    .build();
            out.add(new CountyRecord(Feed.PROGRESS, s.projectId(), r.getReportedAt(), r));
        }

        private void bank(
                BankTransactionType type,
                LocalTime time,
                long fen,
                String counterpartyAccount,
                String counterpartyName,
                String workerId,
                String wagePeriod) {
            BankTransaction t = BankTransaction.newBuilder()
                    .setTxnId(s.nextTxnId(day))
                    .setBankCode(s.bankCode)
                    .setAccountNo(s.accountNo)
                    .setType(type)
                    .setAmountFen(fen)
                    .setBalanceAfterFen(s.balanceFen)
                    .setCounterpartyAccountNo(counterpartyAccount)
                    .setCounterpartyName(counterpartyName)
                    .setWorkerId(workerId)
                    .setWagePeriod(wagePeriod)
                    .setEventTime(at(day, time))
                    .build();
            out.add(new CountyRecord(Feed.BANK, s.accountNo, t.getEventTime(), t));
        }
    }

    // A worker's own card: derived from the ID number, so it stays the same without being stored.
    private static String cardOf(Worker w) {
        String id = w.getWorkerId();
        int h = Math.floorMod(id.hashCode(), 1_000_000_000);
        return CARD_PREFIXES[Math.floorMod(id.hashCode(), CARD_PREFIXES.length)]
                + id.substring(10, 14)
                + String.format("%09d", h);
    }

    private static long roundYuan(long fen) {
        return fen / 100 * 100;
    }

    /** Lays out the county once: enterprises, projects, crews and which projects go wrong. */
    private final class Founding {
        private final Random r;
        private final CountyNumbers numbers;
        private final CountyPeople people;
        private final Map<String, Enterprise> enterprises = new LinkedHashMap<>();
        /** Credit code -> the construction unit's contact, the same person for each of its projects. */
        private final Map<String, ProjectContact> unitContacts = new HashMap<>();

        private final Set<String> projectNames = new HashSet<>();

        Founding(Random r, CountyPeople people) {
            this.r = r;
            this.numbers = new CountyNumbers(r);
            this.people = people;
        }

        void build() {
            List<Enterprise> contractors = new ArrayList<>();
            List<Enterprise> labourFirms = new ArrayList<>();
            List<String> firms = new ArrayList<>(List.of(FIRMS));
            Collections.shuffle(firms, r);
            for (int i = 0; i < 12; i++) {
                String name = switch (i % 4) {
                    case 0 -> "甘肃" + firms.get(i) + "建设工程有限公司";
                    case 1 -> "张掖市" + firms.get(i) + "建筑安装工程有限责任公司";
                    case 2 -> "高台县" + firms.get(i) + "建筑工程有限公司";
                    default -> "甘肃" + firms.get(i) + "路桥建设集团有限公司";
                };
                contractors.add(company(name, i % 4 == 2 ? CountyNumbers.GAOTAI : i % 4 == 1 ? "620700" : "620100"));
            }
            for (int i = 12; i < firms.size(); i++) {
                labourFirms.add(company(
                        (i % 2 == 0 ? "高台县" : "张掖市") + firms.get(i) + "建筑劳务有限公司",
                        i % 2 == 0 ? CountyNumbers.GAOTAI : "620700"));
            }
            int projects = plan.projects();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < projects; i++) {
                order.add(i);
            }
            Collections.shuffle(order, r);
            Map<Integer, Fault> faultOf = new TreeMap<>();
            int faulty = plan.faults() ? Math.max(1, projects / FAULTY_ONE_IN) : 0;
            for (int k = 0; k < faulty; k++) {
                faultOf.put(order.get(k), Fault.values()[k % Fault.values().length]);
            }
            for (int i = 0; i < projects; i++) {
                sites.add(site(i, faultOf.get(i), contractors, labourFirms));
            }
        }

        private Site site(int i, Fault fault, List<Enterprise> contractors, List<Enterprise> labourFirms) {
            // the first projects take every category and every town once, so that even a small county has them all
            ProjectCategory category = i < ProjectCategory.values().length ? ProjectCategory.values()[i] : category();
            String town = i < TOWNS.size() ? TOWNS.get(i) : TOWNS.get(r.nextInt(TOWNS.size()));
            String projectId = "GT" + lastDay.getYear() + "-" + String.format("%03d", i + 1);
            // Works began in the first simulated month, up to three weeks before the feeds start: every
            // construction month PW01 judges then has deposits in the feeds.
            LocalDate start = max(firstDay.minusDays(r.nextInt(21)), firstDay.withDayOfMonth(1));
            // planned to end well after the simulation, so no project is overdue for completion in it
            int simulatedMonths =
                    (int) ChronoUnit.MONTHS.between(YearMonth.from(firstDay), YearMonth.from(lastDay)) + 1;
            int duration = Math.max(8, simulatedMonths + 3) + r.nextInt(17);
            LocalDate plannedEnd = start.plusMonths(duration);
            long plannedMonths = ChronoUnit.MONTHS.between(YearMonth.from(start), YearMonth.from(plannedEnd)) + 1;
            Enterprise contractor = contractors.get(r.nextInt(contractors.size()));
            List<Enterprise> subcontractors = new ArrayList<>();
            int subs = 1 + r.nextInt(2);
            while (subcontractors.size() < subs) {
                Enterprise e = labourFirms.get(r.nextInt(labourFirms.size()));
                if (!subcontractors.contains(e)) {
                    subcontractors.add(e);
                }
            }
            boolean crewMatters = fault == Fault.ONE_WORKER_UNPAID || fault == Fault.CREW_PARTLY_UNPAID;
            int crewSize = plan.smallestCrew() + r.nextInt(plan.largestCrew() - plan.smallestCrew() + 1);
            // a share of "one in the crew" is only a small share with a crew of some size
            crewSize = crewMatters ? Math.max(crewSize, conduct.crewForShareFaults()) : crewSize;
            List<Worker> crew = new ArrayList<>();
            for (int j = 0; j < crewSize; j++) {
                crew.add(worker(projectId, contractor, start, j, subcontractors));
            }
            // The contract is sized on the crew: its labour cost, spread over the planned months, is
            // about a month of the crew's wages, so deposits sized on either are plausible.
            double ratio = conduct.laborCostRatio(category.name());
            long bill = Site.monthlyWageBillFen(crew);
            long contractFen = roundUpWan(Math.round(bill * plannedMonths / ratio * (95 + r.nextInt(36)) / 100));
            Map<YearMonth, Long> completed = new HashMap<>();
            for (YearMonth m = YearMonth.from(start); !m.isAfter(YearMonth.from(lastDay)); m = m.plusMonths(1)) {
                completed.put(m, roundYuan(contractFen / plannedMonths * (70 + r.nextInt(61)) / 100));
            }
            String[] bank = BANKS[r.nextInt(BANKS.length)];
            String accountNo = numbers.account(bank[1]);
            Integer payDay = new Integer[] {null, 20, 25}[r.nextInt(3)];
            if (fault == Fault.LAST_MINUTE_PAYROLL) {
                // due three days after the simulation ends: the last thing seen is the warning before it
                payDay = lastDay.plusDays(3).getDayOfMonth();
            }
            boolean government = category != ProjectCategory.HOUSING || r.nextInt(3) == 0;
            String name = projectName(category, town);
            Enterprise constructionUnit =
                    constructionUnit(category, town, government); // after the name: the seed's draws in their order
            Project project = Project.newBuilder()
                    .setProjectId(projectId)
                    .setName(name)
                    .setCategory(category)
                    .setTown(town)
                    .setContractValueFen(contractFen)
                    .setStartDate(start)
                    .setPlannedEndDate(plannedEnd)
                    .setGovernmentInvested(government)
                    .setConstructionUnit(constructionUnit)
                    .setGeneralContractor(contractor)
                    .setSubcontractors(subcontractors)
                    .setPayrollAccount(new PayrollAccount(bank[0], accountNo))
                    // onboarded within days of the start (PW12), with a
                    // wage deposit of 2% of the contract or more (PW13)
                    .setOnboardedDate(min(start.plusDays(1 + r.nextInt(10)), firstDay))
                    .setWageDepositFen(conduct.wageDepositFen(contractFen))
                    .setPayDay(payDay)
                    .setStatus(ProjectStatus.ACTIVE)
                    .setUpdatedAt(at(firstDay, LocalTime.of(0, 1).plusSeconds(i)))
                    .setContacts(contacts(constructionUnit))
                    .build();
            Set<String> leftOff = new HashSet<>();
            if (fault == Fault.ONE_WORKER_UNPAID) {
                leftOff.add(crew.get(r.nextInt(crew.size())).getWorkerId());
            } else if (fault == Fault.CREW_PARTLY_UNPAID) {
                for (int j = 0; j < crew.size(); j += 3) {
                    leftOff.add(crew.get(j).getWorkerId());
                }
            }
            int span = days();
            LocalDate faultDay = fault == null
                    ? null
                    : switch (fault) {
                        case TRANSFER_OUT, CASH_WITHDRAWN -> firstDay.plusDays(10 + r.nextInt(span / 2 - 10));
                        case FROZEN, FROZEN_THEN_RELEASED -> firstDay.plusDays(15 + r.nextInt(span / 2 - 15));
                        case DEPOSITS_LAPSING -> lastDay.minusDays(45);
                        default -> null;
                    };
            LocalDate releaseDay = fault == Fault.FROZEN_THEN_RELEASED ? faultDay.plusDays(14 + r.nextInt(9)) : null;
            return new Site(
                    project,
                    crew,
                    fault,
                    bank[0],
                    accountNo,
                    numbers.account(bank[1]),
                    2 + r.nextInt(3),
                    6 + r.nextInt(7),
                    leftOff,
                    faultDay,
                    releaseDay,
                    YearMonth.from(firstDay),
                    ratio,
                    conduct.depositCoverage(),
                    conduct.depositsPerMonth(),
                    plannedMonths,
                    completed);
        }

        /** The general contractor's labour manager on this project, and the construction unit's contact. */
        private List<ProjectContact> contacts(Enterprise constructionUnit) {
            ProjectContact unit = unitContacts.computeIfAbsent(
                    constructionUnit.getCreditCode(), code -> people.contact(ContactRole.CONSTRUCTION_UNIT));
            return List.of(
                    people.contact(ContactRole.LABOR_MANAGER),
                    ProjectContact.newBuilder(unit).build());
        }

        private Worker worker(
                String projectId, Enterprise contractor, LocalDate start, int j, List<Enterprise> subcontractors) {
            LocalDate birthday = LocalDate.of(1966, 1, 1).plusDays(r.nextInt(365 * 38));
            // most of a crew is hired through the labour subcontractors; foremen and specialists by the contractor
            Enterprise employer = j % 5 == 0 ? contractor : subcontractors.get(j % subcontractors.size());
            boolean monthly = r.nextInt(100) < 15;
            // well above the minimum wage (PW07) and far below the
            // oversized-payout limits (PW08), as the policy sets them
            long drawn = monthly ? (6_000 + r.nextInt(31) * 100) * 100L : (250 + r.nextInt(21) * 10) * 100L;
            long rate = conduct.wageRateFen(monthly ? WageType.MONTHLY : WageType.DAILY, drawn);
            return Worker.newBuilder()
                    .setProjectId(projectId)
                    .setWorkerId(numbers.idCard(birthday))
                    .setEmployerCreditCode(employer.getCreditCode())
                    .setTeam(TEAMS[j % TEAMS.length])
                    .setWageType(monthly ? WageType.MONTHLY : WageType.DAILY)
                    .setWageRateFen(rate)
                    .setEntryDate(min(start.plusDays(r.nextInt(10)), firstDay))
                    .setUpdatedAt(at(firstDay, LocalTime.of(0, 5)).plusMillis(250L * workerSequence++))
                    .build();
        }

        private int workerSequence;

        private ProjectCategory category() {
            int n = r.nextInt(100);
            return n < 22
                    ? ProjectCategory.HOUSING
                    : n < 38
                            ? ProjectCategory.MUNICIPAL
                            : n < 53
                                    ? ProjectCategory.TRANSPORT
                                    : n < 67
                                            ? ProjectCategory.WATER
                                            : n < 70
                                                    ? ProjectCategory.RAILWAY
                                                    : n < 72
                                                            ? ProjectCategory.AVIATION
                                                            : n < 86
                                                                    ? ProjectCategory.AGRICULTURE
                                                                    : n < 93
                                                                            ? ProjectCategory.NATURAL_RESOURCES
                                                                            : ProjectCategory.OTHER;
        }

        private String projectName(ProjectCategory category, String town) {
            String other = TOWNS.get(r.nextInt(TOWNS.size()));
            String[] names = switch (category) {
                case HOUSING ->
                    new String[] {
                        "高台县" + town + "保障性住房建设项目",
                        "高台县" + town + "老旧小区改造工程",
                        "高台县" + town + "农村危房改造项目",
                        "高台县" + town + "安置小区建设项目"
                    };
                case MUNICIPAL ->
                    new String[] {
                        "高台县" + town + "污水管网提升改造工程",
                        "高台县" + town + "集镇道路及排水工程",
                        "高台县" + town + "供热管网改造工程",
                        "高台县" + town + "人居环境整治工程"
                    };
                case TRANSPORT ->
                    new String[] {
                        "高台县" + town + "至" + other + "公路改建工程", "高台县" + town + "农村公路提升改造工程", "高台县" + town + "危桥改造工程"
                    };
                case WATER ->
                    new String[] {"高台县" + town + "农村供水管网改造工程", "高台县黑河" + town + "段防洪治理工程", "高台县" + town + "灌区节水改造工程"};
                case RAILWAY ->
                    new String[] {
                        "高台县兰新铁路" + town + "段道口平改立工程", "高台县兰新铁路" + town + "段防护栅栏改造工程", "高台县" + town + "铁路专用线建设工程"
                    };
                case AVIATION -> new String[] {"高台县" + town + "通用机场建设项目", "高台县" + town + "直升机起降点建设工程"};
                case AGRICULTURE ->
                    new String[] {"高台县" + town + "高标准农田建设项目", "高台县" + town + "设施农业大棚建设项目", "高台县" + town + "戈壁农业产业园建设项目"
                    };
                case NATURAL_RESOURCES -> new String[] {"高台县" + town + "土地综合整治项目", "高台县" + town + "矿山地质环境恢复治理工程"};
                default ->
                    new String[] {"高台县" + town + "中心小学教学楼建设项目", "高台县" + town + "卫生院综合楼建设项目", "高台县" + town + "文化广场建设工程"};
            };
            String name = names[r.nextInt(names.length)];
            String[] phases = {"", "（二期）", "（三期）", "（四期）", "（五期）", "（六期）"};
            for (String phase : phases) {
                if (projectNames.add(name + phase)) {
                    return name + phase;
                }
            }
            // a large county: further works under the same name are let as numbered lots
            for (int lot = 2; ; lot++) {
                if (projectNames.add(name + "（" + lot + "标段）")) {
                    return name + "（" + lot + "标段）";
                }
            }
        }

        private Enterprise constructionUnit(ProjectCategory category, String town, boolean government) {
            return switch (category) {
                case HOUSING ->
                    government
                            ? agency("高台县住房和城乡建设局")
                            : company("甘肃" + FIRMS[r.nextInt(FIRMS.length)] + "房地产开发有限公司", "620700");
                case MUNICIPAL ->
                    r.nextBoolean() ? agency("高台县住房和城乡建设局") : company("高台县城市建设投资开发有限责任公司", CountyNumbers.GAOTAI);
                case TRANSPORT -> agency("高台县交通运输局");
                case WATER -> agency("高台县水务局");
                case RAILWAY -> company("中国铁路兰州局集团有限公司", "620100");
                case AVIATION -> company("甘肃省民航机场集团有限公司", "620100");
                case AGRICULTURE -> agency("高台县农业农村局");
                case NATURAL_RESOURCES -> agency("高台县自然资源局");
                default -> r.nextBoolean() ? agency("高台县" + town + "人民政府") : agency("高台县教育局");
            };
        }

        private Enterprise agency(String name) {
            return enterprises.computeIfAbsent(
                    name, n -> new Enterprise(numbers.creditCode("11", CountyNumbers.GAOTAI), n));
        }

        private Enterprise company(String name, String division) {
            return enterprises.computeIfAbsent(name, n -> new Enterprise(numbers.creditCode("91", division), n));
        }
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** Contract values are let in whole 万元 (10,000 yuan). */
    private static long roundUpWan(long fen) {
        long wan = 1_000_000;
        return (fen + wan - 1) / wan * wan;
    }
}
