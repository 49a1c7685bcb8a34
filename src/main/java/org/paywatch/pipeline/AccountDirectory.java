package org.paywatch.pipeline;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.RejectionCause;

/**
 * Resolves bank records to their project through the registry (account -> project), keyed by the
 * account pseudonym, so only the accounts' own bindings are held: it scales to a province. A record
 * on an account nobody registered waits for the grace period, then is dead-lettered.
 */
public class AccountDirectory extends KeyedCoProcessFunction<String, FeedEvent, AccountBinding, FeedEvent>
        implements CheckpointedFunction {
    private final long graceMillis;
    private final long timeLimit;
    private transient ValueState<String> projectId;
    private transient AwaitingRegistry awaiting;
    private transient RecordCounts counts;

    public AccountDirectory(long graceMillis, long timeLimit) {
        this.graceMillis = graceMillis;
        this.timeLimit = timeLimit;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        counts = RecordCounts.restore(context, getRuntimeContext());
    }

    @Override
    public void open(OpenContext openContext) {
        projectId = getRuntimeContext().getState(Descriptors.accountProject());
        awaiting = new AwaitingRegistry(getRuntimeContext(), Descriptors.awaitingAccount(), graceMillis, timeLimit);
        counts.open();
    }

    @Override
    public void processElement1(FeedEvent bank, Context ctx, Collector<FeedEvent> out) throws Exception {
        String project = projectId.value();
        if (project == null) {
            awaiting.hold(bank, ctx.timerService());
            counts.waiting(bank.feed, +1);
        } else {
            out.collect(bank.forProject(project));
        }
    }

    @Override
    public void processElement2(AccountBinding binding, Context ctx, Collector<FeedEvent> out) throws Exception {
        projectId.update(binding.projectId);
        for (FeedEvent e : awaiting.release()) {
            counts.waiting(e.feed, -1);
            out.collect(e.forProject(binding.projectId));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeedEvent> out) throws Exception {
        for (FeedEvent e : awaiting.expire(timestamp)) {
            counts.waiting(e.feed, -1);
            counts.deadLettered(e.feed, RejectionCause.UNREGISTERED);
            ctx.output(
                    Descriptors.REJECTED,
                    Rejection.of(
                            e.origin,
                            RejectionCause.UNREGISTERED,
                            "account " + e.bank.accountNo + " of bank " + e.bank.bankCode
                                    + " was bound to no registered project " + awaiting.givenUpBy(e),
                            e.eventTime()));
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        counts.snapshot();
    }
}
