package org.paywatch.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.ClockIn;
import org.paywatch.contract.ContactRole;
import org.paywatch.contract.Direction;
import org.paywatch.contract.Enterprise;
import org.paywatch.contract.PayrollAccount;
import org.paywatch.contract.Project;
import org.paywatch.contract.ProjectCategory;
import org.paywatch.contract.ProjectContact;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.contract.WageType;
import org.paywatch.contract.Worker;

/** Feed records in their Avro contract form, as a bank or the registry would send them. */
public final class ContractRecords {
    private ContractRecords() {}

    /**
     * A housing project in 城关镇 with its dedicated account, onboarded three days after its start. It has
     * no contract value, so the rules that scale with it (PW01, PW12, PW13) ask nothing of it: tests that
     * run on today's date then raise the same alerts whatever the day of the month.
     */
    public static Project project(String projectId, String accountNo, LocalDate start, long updatedAt) {
        Enterprise cu = new Enterprise("91620724E2ECU0001X", projectId + "投资建设单位");
        Enterprise gc = new Enterprise("91620724E2EGC0001X", projectId + "建设工程有限公司");
        return Project.newBuilder()
                .setProjectId(projectId)
                .setName("高台县城关镇" + projectId + "测试工程")
                .setCategory(ProjectCategory.HOUSING)
                .setTown("城关镇")
                .setContractValueFen(0L)
                .setStartDate(start)
                .setPlannedEndDate(start.plusDays(300))
                .setGovernmentInvested(false)
                .setConstructionUnit(cu)
                .setGeneralContractor(gc)
                .setSubcontractors(List.of())
                .setPayrollAccount(new PayrollAccount("ZYRCB", accountNo))
                .setOnboardedDate(start.plusDays(3))
                .setWageDepositFen(0L)
                .setPayDay(null)
                .setStatus(ProjectStatus.ACTIVE)
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .build();
    }

    /** {@link #project} with its contacts, as a registry on Project v2 sends it. */
    public static Project projectWithContacts(String projectId, String accountNo, LocalDate start, long updatedAt) {
        return Project.newBuilder(project(projectId, accountNo, start, updatedAt))
                .setContacts(List.of(
                        new ProjectContact(
                                ContactRole.LABOR_MANAGER,
                                PersonalData.LABOUR_MANAGER,
                                PersonalData.LABOUR_MANAGER_PHONE),
                        new ProjectContact(
                                ContactRole.CONSTRUCTION_UNIT,
                                PersonalData.UNIT_CONTACT,
                                PersonalData.UNIT_CONTACT_PHONE)))
                .build();
    }

    public static BankTransaction txn(String txnId, String accountNo, BankTransactionType type, long fen, long at) {
        return BankTransaction.newBuilder()
                .setTxnId(txnId)
                .setBankCode("ZYRCB")
                .setAccountNo(accountNo)
                .setType(type)
                .setAmountFen(fen)
                .setEventTime(Instant.ofEpochMilli(at))
                .build();
    }

    /** A wage payout carrying every personal field of the bank feed; a negative amount breaks the contract. */
    public static BankTransaction payout(
            String txnId,
            String accountNo,
            String counterpartyAccountNo,
            String counterpartyName,
            String workerId,
            long fen,
            long at) {
        return BankTransaction.newBuilder(txn(txnId, accountNo, BankTransactionType.WAGE_PAYOUT, fen, at))
                .setBalanceAfterFen(5_000_000L)
                .setCounterpartyAccountNo(counterpartyAccountNo)
                .setCounterpartyName(counterpartyName)
                .setWorkerId(workerId)
                .setWagePeriod("2025-03")
                .build();
    }

    public static Worker worker(String projectId, String workerId, long wageRateFen, long updatedAt) {
        return Worker.newBuilder()
                .setProjectId(projectId)
                .setWorkerId(workerId)
                .setEmployerCreditCode("91620724E2EGC0001X")
                .setTeam("木工班")
                .setWageType(WageType.DAILY)
                .setWageRateFen(wageRateFen)
                .setEntryDate(LocalDate.of(2025, 3, 3))
                .setExitDate(null)
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .build();
    }

    public static ClockIn clockIn(String projectId, String workerId, long at) {
        return ClockIn.newBuilder()
                .setProjectId(projectId)
                .setWorkerId(workerId)
                .setDeviceId("GATE-20250303001")
                .setDirection(Direction.IN)
                .setEventTime(Instant.ofEpochMilli(at))
                .build();
    }
}
