package org.paywatch.io;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.paywatch.contract.Alert;
import org.paywatch.contract.DeadLetter;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.BankTransaction;
import org.paywatch.domain.ClockIn;
import org.paywatch.domain.Enterprise;
import org.paywatch.domain.ProgressReport;
import org.paywatch.domain.Project;
import org.paywatch.domain.ProjectContact;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.TaxChange;
import org.paywatch.domain.WorkerRegistration;

/**
 * Between the public Avro contract and the plain records the job keeps in state (Avro classes in
 * Flink state would pin their schema).
 */
public final class ContractMapping {
    private static final int MAX_REASON_CHARS = 2000;

    private ContractMapping() {}

    public static Project project(org.paywatch.contract.Project a) {
        Project p = new Project();
        p.projectId = a.getProjectId();
        p.name = a.getName();
        p.category = a.getCategory();
        p.town = a.getTown();
        p.contractValueFen = a.getContractValueFen();
        p.startDate = a.getStartDate();
        p.plannedEndDate = a.getPlannedEndDate();
        p.governmentInvested = a.getGovernmentInvested();
        p.constructionUnit = enterprise(a.getConstructionUnit());
        p.generalContractor = enterprise(a.getGeneralContractor());
        List<Enterprise> subs = new ArrayList<>();
        for (org.paywatch.contract.Enterprise e : a.getSubcontractors()) {
            subs.add(enterprise(e));
        }
        p.subcontractors = subs;
        if (a.getPayrollAccount() != null) {
            p.payrollBankCode = a.getPayrollAccount().getBankCode();
            p.payrollAccountNo = a.getPayrollAccount().getAccountNo();
        }
        p.onboardedDate = a.getOnboardedDate();
        p.wageDepositFen = a.getWageDepositFen();
        p.payDay = a.getPayDay();
        p.status = a.getStatus();
        p.updatedAt = a.getUpdatedAt().toEpochMilli();
        List<ProjectContact> contacts = new ArrayList<>();
        for (org.paywatch.contract.ProjectContact c : a.getContacts()) {
            contacts.add(new ProjectContact(c.getRole(), c.getName(), c.getPhone()));
        }
        p.contacts = contacts;
        return p;
    }

    private static Enterprise enterprise(org.paywatch.contract.Enterprise e) {
        return e == null ? null : new Enterprise(e.getCreditCode(), e.getName());
    }

    public static WorkerRegistration worker(org.paywatch.contract.Worker a) {
        WorkerRegistration w = new WorkerRegistration();
        w.projectId = a.getProjectId();
        w.workerId = a.getWorkerId();
        w.employerCreditCode = a.getEmployerCreditCode();
        w.team = a.getTeam();
        w.wageType = a.getWageType();
        w.wageRateFen = a.getWageRateFen();
        w.entryDate = a.getEntryDate();
        w.exitDate = a.getExitDate();
        w.updatedAt = a.getUpdatedAt().toEpochMilli();
        return w;
    }

    public static ProgressReport progress(org.paywatch.contract.Progress a) {
        ProgressReport r = new ProgressReport();
        r.projectId = a.getProjectId();
        r.period = a.getPeriod();
        r.completedValueFen = a.getCompletedValueFen();
        r.progressPaymentFen = a.getProgressPaymentFen();
        r.reportedAt = a.getReportedAt().toEpochMilli();
        return r;
    }

    public static BankTransaction bank(org.paywatch.contract.BankTransaction a) {
        BankTransaction t = new BankTransaction();
        t.txnId = a.getTxnId();
        t.bankCode = a.getBankCode();
        t.accountNo = a.getAccountNo();
        t.type = a.getType();
        t.amountFen = a.getAmountFen();
        t.balanceAfterFen = a.getBalanceAfterFen();
        t.counterpartyAccountNo = a.getCounterpartyAccountNo();
        t.counterpartyName = a.getCounterpartyName();
        t.workerId = a.getWorkerId();
        t.wagePeriod = a.getWagePeriod();
        t.eventTime = a.getEventTime().toEpochMilli();
        return t;
    }

    public static ClockIn clockIn(org.paywatch.contract.ClockIn a) {
        ClockIn c = new ClockIn();
        c.projectId = a.getProjectId();
        c.workerId = a.getWorkerId();
        c.deviceId = a.getDeviceId();
        c.direction = a.getDirection();
        c.eventTime = a.getEventTime().toEpochMilli();
        return c;
    }

    public static TaxChange tax(org.paywatch.contract.TaxChange a) {
        TaxChange t = new TaxChange();
        t.creditCode = a.getCreditCode();
        t.changeType = a.getChangeType();
        t.period = a.getPeriod();
        t.previousFen = a.getPreviousFen();
        t.currentFen = a.getCurrentFen();
        t.eventTime = a.getEventTime().toEpochMilli();
        return t;
    }

    public static Alert alert(AlertEvent e) {
        return Alert.newBuilder()
                .setAlertId(e.alertId)
                .setProjectId(e.projectId)
                .setRuleId(e.ruleId)
                .setLevel(e.level)
                .setTransition(e.transition)
                .setScope(e.scope)
                .setEventTime(Instant.ofEpochMilli(e.eventTime))
                .setMessage(e.message)
                .setLegalBasis(e.legalBasis)
                .setMetrics(new TreeMap<>(e.metrics))
                .setRecipients(new ArrayList<>(e.recipients))
                .setTaskForce(e.taskForce)
                .setRebound(e.rebound)
                .build();
    }

    public static DeadLetter deadLetter(Rejection r) {
        return DeadLetter.newBuilder()
                .setPayload(ByteBuffer.wrap(r.payload))
                .setTopic(r.origin.topic)
                .setPartition(r.origin.partition)
                .setOffset(r.origin.offset)
                .setReason(bounded(r.reason))
                .setTime(Instant.ofEpochMilli(r.time))
                .setCause(r.cause.label)
                .setPayloadLength(r.payloadLength < 0 ? null : (long) r.payloadLength)
                .setPayloadSha256(r.payloadSha256)
                .build();
    }

    // A reason may quote an identifier from the record; the record's own size is bounded, but keep the
    // dead letter's text small whatever it quotes.
    private static String bounded(String reason) {
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "…";
    }
}
