package org.paywatch.policy;

import static org.paywatch.policy.RuleSettingsBuilder.settings;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.Direction;
import org.paywatch.contract.ProjectCategory;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.contract.TaxChangeType;
import org.paywatch.contract.WageType;
import org.paywatch.domain.BankTransaction;
import org.paywatch.domain.ClockIn;
import org.paywatch.domain.Enterprise;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Origin;
import org.paywatch.domain.Project;
import org.paywatch.domain.TaxChange;
import org.paywatch.domain.WorkerRegistration;

/** A housing project started 2025-03-03 in 城关镇, and the records that happen to it, for policy tests. */
public final class ProjectFixture {
    public static final String PROJECT = "GT-TEST-1";
    private static long txn;

    public final ProjectBook book = new ProjectBook();
    /** What the alert lifecycle remembers of the project, as the monitor keeps it beside the book. */
    public final AlertMemory alerts = new AlertMemory();

    public ProjectFixture() {
        book.apply(FeedEvent.of(origin(), project(ProjectStatus.ACTIVE, null)));
    }

    /**
     * The whole policy, written out here with the default numbers of RULES.md, for the tests that run every rule
     * together. It is not read from jobs/risk-monitor.yaml, so a county editing its thresholds does not break the
     * unit tests (config/JobConfigFileTest checks the shipped file). A fresh copy each call: tests may change it.
     */
    public static PolicyConfig policy() {
        PolicyConfig policy = new PolicyConfig();
        for (RuleSettingsBuilder rule : List.of(
                settings("PW01")
                        .threshold("blueBelowCoverage", 1.0)
                        .threshold("yellowBelowCoverage", 0.8)
                        .table("laborCostRatio", "HOUSING", 0.30)
                        .table("laborCostRatio", "MUNICIPAL", 0.15)
                        .table("laborCostRatio", "TRANSPORT", 0.15)
                        .table("laborCostRatio", "WATER", 0.15)
                        .table("laborCostRatio", "RAILWAY", 0.20)
                        .table("laborCostRatio", "AVIATION", 0.20)
                        .table("laborCostRatio", "default", 0.15),
                settings("PW02").threshold("yellowAfterDays", 31).threshold("redAfterDays", 62),
                settings("PW03").threshold("yellowBelowPaidShare", 0.8).threshold("redBelowPaidShare", 0.6),
                settings("PW04")
                        .threshold("yellowBelowCover", 1.0)
                        .threshold("redBelowCover", 0.5)
                        .threshold("forecastWindowDays", 60)
                        .threshold("blueBelowDaysOfPayouts", 15),
                settings("PW05").threshold("blueDaysBeforeDue", 5).threshold("redDaysPastDue", 30),
                settings("PW06").threshold("redUnpaidShare", 0.10),
                settings("PW07").table("minimumWageFen", "default", 191_000),
                settings("PW08").threshold("redAboveMonthFen", 5_000_000).threshold("redAboveYearFen", 30_000_000),
                settings("PW09")
                        .threshold("absentDays", 30)
                        .threshold("yellowAfterDays", 7)
                        .threshold("redAfterDays", 30),
                settings("PW10"),
                settings("PW11"),
                settings("PW12")
                        .threshold("minContractValueFen", 300_000_000)
                        .threshold("minDurationMonths", 3)
                        .threshold("yellowAtDays", 30)
                        .threshold("redAtDays", 60),
                settings("PW13")
                        .threshold("minShareOfContract", 0.01)
                        .threshold("exemptBelowContractValueFen", 300_000_000)
                        .threshold("yellowAtDays", 30),
                settings("PW14").threshold("yellowShareOfDay", 0.05).threshold("windowDays", 7),
                settings("PW15")
                        .threshold("minAverageWorkers", 10)
                        .threshold("lookbackDays", 14)
                        .threshold("silentDays", 7),
                settings("PW16").threshold("blueAtMostShareOfPrevious", 0.5),
                settings("PW90").threshold("redAtOverdueFen", 50_000_000).threshold("redAtWorkers", 20),
                settings("PW91")
                        .threshold("reboundWithinDays", 90)
                        .threshold("firstFollowUpDays", 30)
                        .threshold("secondFollowUpDays", 60)
                        .threshold("thirdFollowUpDays", 90))) {
            policy.rules.put(rule.ruleId(), rule.build());
        }
        policy.routing = routing();
        policy.calendar = calendar(
                holiday("2025年春节停工", "2025-01-19", "2025-02-12"), holiday("2026年春节停工", "2026-02-07", "2026-03-03"));
        policy.wages = wages(21.75);
        return policy;
    }

    /** How wages accrue: a monthly wage by attended days over {@code paidDaysPerMonth} (RULES.md "Accrued wages"). */
    public static WageAccrual wages(double paidDaysPerMonth) {
        WageAccrual wages = new WageAccrual();
        wages.daysPerMonth = paidDaysPerMonth;
        wages.basis = "劳社部发〔2008〕3号";
        return wages;
    }

    /** The responsibility list of RULES.md "Routing", written out. */
    public static ResponsibilityList routing() {
        ResponsibilityList routing = new ResponsibilityList();
        routing.everyLevel = List.of("{generalContractor}", "{constructionUnit}");
        routing.yellowAndRed = List.of("{industryDepartment}", "{town}", "县人社局");
        routing.industryDepartments = Map.of(
                "HOUSING",
                "县住建局",
                "MUNICIPAL",
                "县住建局",
                "TRANSPORT",
                "县交通运输局",
                "WATER",
                "县水务局",
                "AGRICULTURE",
                "县农业农村局",
                "NATURAL_RESOURCES",
                "县自然资源局");
        routing.defaultIndustryDepartment = "县发改局";
        routing.byRule = Map.of(
                "PW03", List.of("县发改局", "县财政局"),
                "PW10", List.of("{accountBank}", "国家金融监督管理总局高台监管支局"),
                "PW11", List.of("{accountBank}", "国家金融监督管理总局高台监管支局", "县法院"),
                "PW16", List.of("县税务局"),
                "PW90", List.of("县根治欠薪工作专班", "县领导"));
        return routing;
    }

    public static PolicyConfig.Calendar calendar(HolidayWindow... holidays) {
        PolicyConfig.Calendar calendar = new PolicyConfig.Calendar();
        calendar.holidays = new ArrayList<>(List.of(holidays));
        return calendar;
    }

    /** A stoppage from {@code from} to {@code to}, both days included. */
    public static HolidayWindow holiday(String name, String from, String to) {
        HolidayWindow window = new HolidayWindow();
        window.name = name;
        window.from = from;
        window.to = to;
        return window;
    }

    /** Asia/Shanghai local time, e.g. "2025-04-03T10:00". */
    public static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime)
                .atZone(BusinessCalendar.ZONE)
                .toInstant()
                .toEpochMilli();
    }

    public static Project project(ProjectStatus status, Integer payDay) {
        Project p = new Project();
        p.projectId = PROJECT;
        p.name = "高台县城关镇测试工程";
        p.category = ProjectCategory.HOUSING;
        p.town = "城关镇";
        p.contractValueFen = 400_000_000L;
        p.startDate = LocalDate.of(2025, 3, 3);
        p.plannedEndDate = LocalDate.of(2025, 12, 31);
        p.constructionUnit = new Enterprise("91620724CU0000001X", "测试投资建设单位");
        p.generalContractor = new Enterprise("91620724GC0000001X", "测试建设工程有限公司");
        p.subcontractors = new ArrayList<>(List.of(new Enterprise("91620724SC0000001X", "测试劳务分包有限公司")));
        p.payrollBankCode = "ZYRCB";
        p.payrollAccountNo = "A-account";
        p.onboardedDate = LocalDate.of(2025, 3, 6);
        p.wageDepositFen = 6_000_000L;
        p.payDay = payDay;
        p.status = status;
        p.updatedAt = at("2025-02-21T09:00");
        return p;
    }

    public ProjectFixture change(ProjectStatus status, Integer payDay, String when) {
        Project p = project(status, payDay);
        p.updatedAt = at(when);
        book.apply(FeedEvent.of(origin(), p));
        return this;
    }

    /** A registry update at {@code when}: the shipped project (ACTIVE, no pay day) as {@code edit} leaves it. */
    public ProjectFixture registry(String when, Consumer<Project> edit) {
        Project p = project(ProjectStatus.ACTIVE, null);
        edit.accept(p);
        p.updatedAt = at(when);
        book.apply(FeedEvent.of(origin(), p));
        return this;
    }

    /** A tax-change signal about an enterprise, as the directory fans it out to this project. */
    public ProjectFixture tax(String creditCode, TaxChangeType type, String when, Long previousFen, Long currentFen) {
        TaxChange t = new TaxChange();
        t.creditCode = creditCode;
        t.changeType = type;
        t.period = previousFen == null ? null : "2025-03";
        t.previousFen = previousFen;
        t.currentFen = currentFen;
        t.eventTime = at(when);
        FeedEvent e = FeedEvent.of(origin(), t);
        e.projectId = PROJECT;
        book.apply(e);
        return this;
    }

    /** The progress report for a construction month, reported at {@code when}. */
    public ProjectFixture progress(String period, long completedValueFen, long progressPaymentFen, String when) {
        org.paywatch.domain.ProgressReport r = new org.paywatch.domain.ProgressReport();
        r.projectId = PROJECT;
        r.period = period;
        r.completedValueFen = completedValueFen;
        r.progressPaymentFen = progressPaymentFen;
        r.reportedAt = at(when);
        book.apply(FeedEvent.of(origin(), r));
        return this;
    }

    public ProjectFixture register(String workerId, long dailyRateFen) {
        WorkerRegistration w = new WorkerRegistration();
        w.projectId = PROJECT;
        w.workerId = workerId;
        w.employerCreditCode = "91620724SC0000001X";
        w.team = "木工班";
        w.wageType = WageType.DAILY;
        w.wageRateFen = dailyRateFen;
        w.entryDate = LocalDate.of(2025, 3, 3);
        w.updatedAt = at("2025-03-02T10:00");
        book.apply(FeedEvent.of(origin(), w));
        return this;
    }

    /** The worker's registration updated at {@code when} with an exit date (退场). */
    public ProjectFixture exit(String workerId, String exitDate, String when) {
        WorkerRegistration w = new WorkerRegistration();
        Enrolment known = book.workers().get(workerId);
        w.projectId = PROJECT;
        w.workerId = workerId;
        w.employerCreditCode = "91620724SC0000001X";
        w.team = "木工班";
        w.wageType = known.wageType;
        w.wageRateFen = known.wageRateFen;
        w.entryDate = LocalDate.of(2025, 3, 3);
        w.exitDate = LocalDate.parse(exitDate);
        w.updatedAt = at(when);
        book.apply(FeedEvent.of(origin(), w));
        return this;
    }

    /** The worker clocks in on every day from {@code first} to {@code last}, both included. */
    public ProjectFixture clockInDays(String workerId, String first, String last) {
        for (LocalDate d = LocalDate.parse(first); !d.isAfter(LocalDate.parse(last)); d = d.plusDays(1)) {
            clockIn(workerId, d.toString());
        }
        return this;
    }

    public ProjectFixture clockIn(String workerId, String day) {
        book.apply(clockInEvent(workerId, day + "T07:40"));
        return this;
    }

    /** A clock-in at the site gate, not yet applied (for {@link ProjectSupervision#apply}). */
    public static FeedEvent clockInEvent(String workerId, String when) {
        ClockIn c = new ClockIn();
        c.projectId = PROJECT;
        c.workerId = workerId;
        c.deviceId = "GATE1";
        c.direction = Direction.IN;
        c.eventTime = at(when);
        return FeedEvent.of(origin(), c);
    }

    /** Registers {@code n} workers W1..Wn at 350 yuan a day, each attending the given days. */
    public ProjectFixture crew(int n, String... days) {
        for (int i = 1; i <= n; i++) {
            register("W" + i, 35_000);
            for (String d : days) {
                clockIn("W" + i, d);
            }
        }
        return this;
    }

    public ProjectFixture bank(BankTransactionType type, String when, long fen, String workerId, String wagePeriod) {
        book.apply(bankEvent(type, when, fen, workerId, wagePeriod));
        return this;
    }

    /** A bank record of the project's account, not yet applied (for {@link ProjectSupervision#apply}). */
    public static FeedEvent bankEvent(
            BankTransactionType type, String when, long fen, String workerId, String wagePeriod) {
        BankTransaction t = new BankTransaction();
        t.txnId = "T" + (++txn);
        t.bankCode = "ZYRCB";
        t.accountNo = "A-account";
        t.type = type;
        t.amountFen = fen;
        t.workerId = workerId;
        t.wagePeriod = wagePeriod;
        t.eventTime = at(when);
        FeedEvent e = FeedEvent.of(origin(), t);
        e.projectId = PROJECT;
        return e;
    }

    public ProjectFixture deposit(String when) {
        return bank(BankTransactionType.LABOR_COST_DEPOSIT, when, 12_000_000, null, null);
    }

    public ProjectFixture deposit(String when, long fen) {
        return bank(BankTransactionType.LABOR_COST_DEPOSIT, when, fen, null, null);
    }

    public ProjectFixture payout(String when, String workerId, String period, long fen) {
        return bank(BankTransactionType.WAGE_PAYOUT, when, fen, workerId, period);
    }

    private static Origin origin() {
        return new Origin("test", 0, 0);
    }
}
