package org.paywatch.pipeline;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.paywatch.domain.FeedEvent;

/**
 * A re-sent txnId is applied once (CONTRACTS.md `bank`). Keyed by bank and txnId; the memory of a
 * txnId is kept for a retention period of event time, long enough to cover the yearly PW08 window.
 */
public class TransactionDeduplication extends KeyedProcessFunction<String, FeedEvent, FeedEvent> {
    private final long retentionMillis;
    private transient ValueState<Boolean> seen;
    private transient Outcome.Tally applied;
    private transient Outcome.Tally duplicates;

    public TransactionDeduplication(long retentionMillis) {
        this.retentionMillis = retentionMillis;
    }

    public static String key(FeedEvent e) {
        return e.bank.bankCode + "/" + e.bank.txnId;
    }

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
        applied = Outcome.APPLIED.tally(getRuntimeContext());
        duplicates = Outcome.DUPLICATE.tally(getRuntimeContext());
    }

    @Override
    public void processElement(FeedEvent e, Context ctx, Collector<FeedEvent> out) throws Exception {
        if (seen.value() != null) {
            applied.add();
            duplicates.add();
            return;
        }
        seen.update(true);
        ctx.timerService().registerEventTimeTimer(e.eventTime() + retentionMillis);
        out.collect(e);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeedEvent> out) {
        seen.clear();
    }
}
