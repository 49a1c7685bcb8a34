package org.paywatch.pipeline;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.paywatch.domain.ContractCheck;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.PersonalNumbers;
import org.paywatch.domain.Received;
import org.paywatch.domain.Rejection;

/**
 * The entry operator: every record is counted in, checked against the contract, pseudonymised and
 * sent on by what it needs next; a record that breaks the contract is dead-lettered with its masked
 * bytes. Nothing after this operator sees a personal number in clear.
 * Main output: records keyed by project (projects, workers, progress, clock-ins).
 */
public class Entry extends ProcessFunction<Received, FeedEvent> {
    public static final OutputTag<FeedEvent> BANK = new OutputTag<>("bank") {};
    public static final OutputTag<FeedEvent> TAX = new OutputTag<>("tax") {};
    public static final OutputTag<AccountBinding> ACCOUNT_BINDINGS = new OutputTag<>("account-bindings") {};
    public static final OutputTag<EnterpriseRole> ENTERPRISE_ROLES = new OutputTag<>("enterprise-roles") {};
    public static final OutputTag<Rejection> REJECTED = new OutputTag<>("rejected") {};

    private final byte[] pseudonymKey;
    private transient PersonalNumbers personalNumbers;
    private transient Outcome.Tally in;
    private transient Outcome.Tally deadLettered;

    public Entry(byte[] pseudonymKey) {
        this.pseudonymKey = pseudonymKey.clone();
    }

    @Override
    public void open(OpenContext openContext) {
        personalNumbers = new PersonalNumbers(pseudonymKey);
        in = Outcome.IN.tally(getRuntimeContext());
        deadLettered = Outcome.DEAD_LETTERED.tally(getRuntimeContext());
    }

    @Override
    public void processElement(Received r, Context ctx, Collector<FeedEvent> out) {
        in.add();
        String reason = r.error != null ? r.error : ContractCheck.violation(r.event);
        if (reason != null) {
            deadLettered.add();
            ctx.output(REJECTED, Rejection.of(r.origin, PersonalNumbers.maskedPayload(r.payload, r.event), reason, r.timestamp));
            return;
        }
        FeedEvent e = r.event;
        personalNumbers.pseudonymise(e);
        switch (e.feed) {
            case BANK -> ctx.output(BANK, e);
            case TAX -> ctx.output(TAX, e);
            case PROJECTS -> {
                if (e.project.payrollAccountNo != null) {
                    ctx.output(ACCOUNT_BINDINGS, new AccountBinding(e.project.payrollAccountNo, e.projectId, e.eventTime()));
                }
                for (String code : e.project.enterpriseCodes()) {
                    ctx.output(ENTERPRISE_ROLES, new EnterpriseRole(code, e.projectId));
                }
                out.collect(e);
            }
            default -> out.collect(e);
        }
    }
}
