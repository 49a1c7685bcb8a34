package org.paywatch.pipeline;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.paywatch.domain.ContractCheck;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.PersonalNumbers;
import org.paywatch.domain.Received;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.RejectionCause;

/**
 * The entry operator: every record is counted in, checked against the contract, pseudonymised and
 * sent on by what it needs next; a record that breaks the contract is dead-lettered with its masked
 * bytes, cut to a size the dead-letter producer can always send. Nothing after this operator sees a
 * personal number in clear. Main output: records keyed by project (projects, workers, progress, clock-ins).
 */
public class Entry extends ProcessFunction<Received, FeedEvent> implements CheckpointedFunction, CheckpointListener {
    private final byte[] pseudonymKey;
    private final int maxDeadLetterPayloadBytes;
    private transient PersonalNumbers personalNumbers;
    private transient RecordCounts counts;
    private transient CheckpointAge checkpointAge;

    public Entry(byte[] pseudonymKey, int maxDeadLetterPayloadBytes) {
        this.pseudonymKey = pseudonymKey.clone();
        this.maxDeadLetterPayloadBytes = maxDeadLetterPayloadBytes;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        counts = RecordCounts.restore(context, getRuntimeContext());
    }

    @Override
    public void open(OpenContext openContext) {
        personalNumbers = new PersonalNumbers(pseudonymKey);
        counts.open();
        checkpointAge = CheckpointAge.register(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(Received r, Context ctx, Collector<FeedEvent> out) {
        counts.add(Outcome.IN, r.feed);
        String reason = r.error != null ? r.error : ContractCheck.violation(r.event);
        if (reason != null) {
            RejectionCause cause = r.error != null ? r.cause : RejectionCause.CONTRACT;
            counts.deadLettered(r.feed, cause);
            ctx.output(
                    Descriptors.REJECTED,
                    Rejection.withPayload(
                            r.origin,
                            r.payload,
                            PersonalNumbers.maskedPayload(r.payload, r.event),
                            maxDeadLetterPayloadBytes,
                            cause,
                            reason,
                            r.timestamp));
            return;
        }
        FeedEvent e = r.event;
        personalNumbers.pseudonymise(e);
        switch (e.feed) {
            case BANK -> ctx.output(Descriptors.BANK, e);
            case TAX -> ctx.output(Descriptors.TAX, e);
            case PROJECTS -> {
                if (e.project.payrollAccountNo != null) {
                    ctx.output(
                            Descriptors.ACCOUNT_BINDINGS,
                            new AccountBinding(e.project.payrollAccountNo, e.projectId, e.eventTime()));
                }
                for (String code : e.project.enterpriseCodes()) {
                    ctx.output(Descriptors.ENTERPRISE_ROLES, new EnterpriseRole(code, e.projectId));
                }
                out.collect(e);
            }
            default -> out.collect(e);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        counts.snapshot();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointAge.completed();
    }
}
