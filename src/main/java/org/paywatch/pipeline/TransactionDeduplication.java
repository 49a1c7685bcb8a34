package org.paywatch.pipeline;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.paywatch.domain.FeedEvent;

/**
 * A re-sent txnId is applied once (CONTRACTS.md `bank`). Keyed by bank and txnId; the memory of a
 * txnId is kept for a retention period of event time, long enough to cover the yearly PW08 window.
 */
public class TransactionDeduplication extends KeyedProcessFunction<String, FeedEvent, FeedEvent>
        implements CheckpointedFunction {
    private final long retentionMillis;
    private transient ValueState<Boolean> seen;
    private transient RecordCounts counts;

    public TransactionDeduplication(long retentionMillis) {
        this.retentionMillis = retentionMillis;
    }

    public static String key(FeedEvent e) {
        return e.bank.bankCode + "/" + e.bank.txnId;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        counts = RecordCounts.restore(context, getRuntimeContext());
    }

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
        counts.open();
    }

    @Override
    public void processElement(FeedEvent e, Context ctx, Collector<FeedEvent> out) throws Exception {
        if (seen.value() != null) {
            counts.add(Outcome.DUPLICATE, e.feed);
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

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        counts.snapshot();
    }
}
