package org.paywatch.policy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
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
import org.paywatch.config.JobConfigFile;

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

    /** The policy as configured in jobs/risk-monitor.yaml: the tests judge the shipped defaults. */
    public static PolicyConfig shippedPolicy() {
        return JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")).policy();
    }

    /** The shipped settings of one rule, bound to its id as the catalog binds them. */
    public static RuleSettings.Bound shippedSettings(String ruleId) {
        return shippedPolicy().rules.get(ruleId).bound(ruleId);
    }

    /** How wages accrue, as the shipped job file sets it (21.75 paid days a month). */
    public static WageAccrual shippedWages() {
        return shippedPolicy().wages;
    }

    /** Asia/Shanghai local time, e.g. "2025-04-03T10:00". */
    public static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BusinessCalendar.ZONE).toInstant().toEpochMilli();
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
        WorkerRegistration known = book.workers().get(workerId);
        w.projectId = PROJECT;
        w.workerId = workerId;
        w.employerCreditCode = known.employerCreditCode;
        w.team = known.team;
        w.wageType = known.wageType;
        w.wageRateFen = known.wageRateFen;
        w.entryDate = known.entryDate;
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
    public static FeedEvent bankEvent(BankTransactionType type, String when, long fen, String workerId, String wagePeriod) {
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
