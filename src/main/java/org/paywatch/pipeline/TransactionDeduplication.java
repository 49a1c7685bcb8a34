package org.paywatch.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.paywatch.domain.BankTransaction;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.RejectionCause;

/**
 * A re-sent txnId is applied once, and one sent again with other content is a conflict: not applied, dead-lettered
 * naming the txnId and the first differing field (CONTRACTS.md, "Re-sent and conflicting records"). Keyed by bank and
 * txnId; what a txnId carried is kept as one hash per field (not the record: its amounts and names need not sit in
 * state) for a retention period of event time, long enough to cover the yearly PW08 window.
 */
public class TransactionDeduplication extends KeyedProcessFunction<String, FeedEvent, FeedEvent>
        implements CheckpointedFunction {
    /** The contract's fields of a transaction after its key (bankCode, txnId), in its order: the first that differs is named. */
    private static final List<Field> FIELDS = List.of(
            new Field("accountNo", t -> t.accountNo),
            new Field("type", t -> t.type),
            new Field("amountFen", t -> t.amountFen),
            new Field("balanceAfterFen", t -> t.balanceAfterFen),
            new Field("counterpartyAccountNo", t -> t.counterpartyAccountNo),
            new Field("counterpartyName", t -> t.counterpartyName),
            new Field("workerId", t -> t.workerId),
            new Field("wagePeriod", t -> t.wagePeriod),
            new Field("eventTime", t -> t.eventTime));

    private record Field(String name, Function<BankTransaction, Object> value) {}

    private final long retentionMillis;
    /** Written by versions before conflicts were told apart: a txnId seen, its content unknown. */
    private transient ValueState<Boolean> seen;

    private transient ValueState<int[]> content;
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
        seen = getRuntimeContext().getState(Descriptors.seenTransaction());
        content = getRuntimeContext().getState(Descriptors.transactionContent());
        counts.open();
    }

    @Override
    public void processElement(FeedEvent e, Context ctx, Collector<FeedEvent> out) throws Exception {
        int[] first = content.value();
        if (first == null && seen.value() != null) {
            counts.add(Outcome.DUPLICATE, e.feed); // remembered before content was kept: taken as a re-send
            return;
        }
        int[] now = hashes(e.bank);
        if (first != null) {
            String differs = firstDifference(first, now);
            if (differs == null) {
                counts.add(Outcome.DUPLICATE, e.feed);
            } else {
                counts.deadLettered(e.feed, RejectionCause.CONFLICT);
                ctx.output(
                        Descriptors.REJECTED,
                        Rejection.of(
                                e.origin,
                                RejectionCause.CONFLICT,
                                "txnId " + e.bank.txnId
                                        + " was received before with another " + differs
                                        + ": a txnId names one transaction, so this one is not "
                                        + "applied; correct it and send it under a new txnId, or send the first content again",
                                e.eventTime()));
            }
            return;
        }
        content.update(now);
        ctx.timerService().registerEventTimeTimer(e.eventTime() + retentionMillis);
        out.collect(e);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeedEvent> out) {
        seen.clear();
        content.clear();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        counts.snapshot();
    }

    static int[] hashes(BankTransaction t) {
        int[] h = new int[FIELDS.size()];
        for (int i = 0; i < h.length; i++) {
            Object value = FIELDS.get(i).value().apply(t);
            // an enum's own hashCode differs from JVM to JVM; its
            // name does not, and a restored state must compare equal
            h[i] = Objects.hashCode(value instanceof Enum<?> symbol ? symbol.name() : value);
        }
        return h;
    }

    /** The first field whose hash differs; null when none does. */
    static String firstDifference(int[] first, int[] now) {
        for (int i = 0; i < Math.min(first.length, now.length); i++) {
            if (first[i] != now[i]) {
                return FIELDS.get(i).name();
            }
        }
        return null;
    }
}
