package org.paywatch.io;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.ClockIn;
import org.paywatch.contract.Direction;
import org.paywatch.contract.Enterprise;
import org.paywatch.contract.PayrollAccount;
import org.paywatch.contract.Progress;
import org.paywatch.contract.Project;
import org.paywatch.contract.ProjectCategory;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.contract.TaxChange;
import org.paywatch.contract.TaxChangeType;
import org.paywatch.contract.WageType;
import org.paywatch.contract.Worker;
import org.paywatch.domain.Feed;

/**
 * One valid record of each input feed, as published in schemas/README.md and written by
 * {@code paywatch contract example}. The ID-card and account numbers are placeholders, not
 * numbers: a published example must carry no personal data, and the contract types them as strings.
 */
public final class ContractExamples {

    /** 2025-04-10 09:00 in Asia/Shanghai. */
    public static final Instant EVENT_TIME = Instant.parse("2025-04-10T01:00:00Z");

    static final String ACCOUNT = "EXAMPLE-ACCOUNT";
    static final String WORKER = "EXAMPLE-ID-CARD";

    private ContractExamples() {}

    public static SpecificRecord of(Feed feed) {
        return switch (feed) {
            case PROJECTS ->
                Project.newBuilder()
                        .setProjectId("GT-2025-001")
                        .setName("高台县城关镇示例工程")
                        .setCategory(ProjectCategory.HOUSING)
                        .setTown("城关镇")
                        .setContractValueFen(400_000_000L)
                        .setStartDate(LocalDate.of(2025, 3, 3))
                        .setPlannedEndDate(LocalDate.of(2025, 12, 31))
                        .setGovernmentInvested(false)
                        .setConstructionUnit(new Enterprise("91620724EXAMPLE001", "示例投资建设单位"))
                        .setGeneralContractor(new Enterprise("91620724EXAMPLE002", "示例建设工程有限公司"))
                        .setSubcontractors(List.of())
                        .setPayrollAccount(new PayrollAccount("ZYRCB", ACCOUNT))
                        .setOnboardedDate(LocalDate.of(2025, 3, 6))
                        .setWageDepositFen(6_000_000L)
                        .setPayDay(15)
                        .setStatus(ProjectStatus.ACTIVE)
                        .setUpdatedAt(EVENT_TIME)
                        .build();
            case WORKERS ->
                Worker.newBuilder()
                        .setProjectId("GT-2025-001")
                        .setWorkerId(WORKER)
                        .setEmployerCreditCode("91620724EXAMPLE002")
                        .setTeam("钢筋班")
                        .setWageType(WageType.DAILY)
                        .setWageRateFen(35_000L)
                        .setEntryDate(LocalDate.of(2025, 3, 10))
                        .setExitDate(null)
                        .setUpdatedAt(EVENT_TIME)
                        .build();
            case PROGRESS ->
                Progress.newBuilder()
                        .setProjectId("GT-2025-001")
                        .setPeriod("2025-03")
                        .setCompletedValueFen(30_000_000L)
                        .setProgressPaymentFen(24_000_000L)
                        .setReportedAt(EVENT_TIME)
                        .build();
            case BANK ->
                BankTransaction.newBuilder()
                        .setTxnId("ZYRCB-EXAMPLE-0001")
                        .setBankCode("ZYRCB")
                        .setAccountNo(ACCOUNT)
                        .setType(BankTransactionType.WAGE_PAYOUT)
                        .setAmountFen(1_050_000L)
                        .setBalanceAfterFen(10_950_000L)
                        .setCounterpartyAccountNo(null)
                        .setCounterpartyName(null)
                        .setWorkerId(WORKER)
                        .setWagePeriod("2025-03")
                        .setEventTime(EVENT_TIME)
                        .build();
            case CLOCKINS ->
                ClockIn.newBuilder()
                        .setProjectId("GT-2025-001")
                        .setWorkerId(WORKER)
                        .setDeviceId("GATE-1")
                        .setDirection(Direction.IN)
                        .setEventTime(EVENT_TIME)
                        .build();
            case TAX ->
                TaxChange.newBuilder()
                        .setCreditCode("91620724EXAMPLE002")
                        .setChangeType(TaxChangeType.IIT_DROP)
                        .setPeriod("2025-03")
                        .setPreviousFen(120_000L)
                        .setCurrentFen(30_000L)
                        .setEventTime(EVENT_TIME)
                        .build();
        };
    }

    /** The example in single-object encoding, as a producer sends it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static byte[] payload(Feed feed) {
        SpecificRecord record = of(feed);
        return ((AvroCodec) AvroCodec.of((Class) record.getClass())).encode(record);
    }

    /** The Kafka key of a feed's records: which fields, joined by "/" (UTF-8 string). */
    public static List<String> keyFields(Feed feed) {
        return switch (feed) {
            case PROJECTS, PROGRESS, CLOCKINS -> List.of("projectId");
            case WORKERS -> List.of("projectId", "workerId");
            case BANK -> List.of("accountNo");
            case TAX -> List.of("creditCode");
        };
    }

    /** Bytes as spaced upper-case hex, {@code perLine} bytes a line (0: one line). */
    public static String hex(byte[] bytes, int perLine) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                text.append(perLine > 0 && i % perLine == 0 ? "\n" : " ");
            }
            text.append(String.format("%02X", bytes[i]));
        }
        return text.toString();
    }
}
