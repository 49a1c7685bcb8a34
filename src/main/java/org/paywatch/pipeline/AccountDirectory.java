package org.paywatch.pipeline;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Rejection;

/**
 * Resolves bank records to their project through the registry (account -> project), keyed by the
 * account pseudonym, so only the accounts' own bindings are held: it scales to a province. A record
 * on an account nobody registered waits for the grace period, then is dead-lettered.
 */
public class AccountDirectory extends KeyedCoProcessFunction<String, FeedEvent, AccountBinding, FeedEvent> {
    private final long graceMillis;
    private final long timeLimit;
    private transient ValueState<String> projectId;
    private transient AwaitingRegistry awaiting;
    private transient Outcome.Tally deadLettered;

    public AccountDirectory(long graceMillis, long timeLimit) {
        this.graceMillis = graceMillis;
        this.timeLimit = timeLimit;
    }

    @Override
    public void open(OpenContext openContext) {
        projectId = getRuntimeContext().getState(new ValueStateDescriptor<>("project", String.class));
        awaiting = new AwaitingRegistry(getRuntimeContext(), "awaiting-account", graceMillis, timeLimit);
        deadLettered = Outcome.DEAD_LETTERED.tally(getRuntimeContext());
    }

    @Override
    public void processElement1(FeedEvent bank, Context ctx, Collector<FeedEvent> out) throws Exception {
        String project = projectId.value();
        if (project == null) {
            awaiting.hold(bank, ctx.timerService());
        } else {
            out.collect(bank.forProject(project));
        }
    }

    @Override
    public void processElement2(AccountBinding binding, Context ctx, Collector<FeedEvent> out) throws Exception {
        projectId.update(binding.projectId);
        for (FeedEvent e : awaiting.release()) {
            out.collect(e.forProject(binding.projectId));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeedEvent> out) throws Exception {
        for (FeedEvent e : awaiting.expire(timestamp)) {
            deadLettered.add();
            ctx.output(Entry.REJECTED, Rejection.of(e.origin, new byte[0],
                    "account " + e.bank.accountNo + " of bank " + e.bank.bankCode
                            + " is bound to no registered project (waited " + graceMillis / 3_600_000 + " h of event time)",
                    e.eventTime()));
        }
    }
}
