package org.paywatch.pipeline;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.paywatch.domain.Feed;
import org.paywatch.domain.RejectionCause;

/**
 * One operator's count of what became of the input records, by outcome, feed and (for dead letters)
 * cause. The totals are operator state, so they survive restarts and rescaling (a restored subtask
 * adds up the entries it is given); they are exposed as Flink metrics, which the Prometheus reporter
 * labels {@code feed} and {@code cause}, and as accumulators for the summary of a bounded run.
 */
final class RecordCounts {
    private final ListState<Total> state;
    private final Map<String, Total> totals = new TreeMap<>();
    private final Map<String, Counter> metrics = new TreeMap<>();
    private final Map<Outcome, LongCounter> accumulators = new EnumMap<>(Outcome.class);
    /** Each total with its metric and accumulator, by outcome, feed and cause: a record counts without a lookup. */
    private final Slot[] slots = new Slot[Outcome.values().length * FEEDS * CAUSES];

    private static final int FEEDS = Feed.values().length + 1;
    private static final int CAUSES = RejectionCause.values().length + 1;

    private record Slot(Total total, Counter metric, LongCounter accumulator) {}

    private final RuntimeContext context;

    private RecordCounts(ListState<Total> state, RuntimeContext context) {
        this.state = state;
        this.context = context;
    }

    /** Restores the operator's totals; call from {@code initializeState}. */
    static RecordCounts restore(FunctionInitializationContext init, RuntimeContext context) throws Exception {
        RecordCounts counts =
                new RecordCounts(init.getOperatorStateStore().getListState(Descriptors.recordCounts()), context);
        if (init.isRestored()) {
            for (Total t : counts.state.get()) {
                counts.total(t.outcome, t.feed, t.cause).count += t.count;
            }
        }
        return counts;
    }

    /** Registers the restored totals as metrics and accumulators; call from {@code open}. */
    void open() {
        for (Total t : totals.values()) {
            metric(t).inc(t.count);
            accumulator(t.outcome).add(t.count);
        }
    }

    void add(Outcome outcome, Feed feed) {
        change(outcome, feed, null, 1);
    }

    void deadLettered(Feed feed, RejectionCause cause) {
        change(Outcome.DEAD_LETTERED, feed, cause, 1);
    }

    /** A record starts waiting (+1) or stops (-1). */
    void waiting(Feed feed, int change) {
        change(Outcome.WAITING, feed, null, change);
    }

    /** Writes the totals into the operator state; call from {@code snapshotState}. */
    void snapshot() throws Exception {
        List<Total> all = new ArrayList<>(totals.size());
        for (Total t : totals.values()) {
            all.add(t.copy());
        }
        state.update(all);
    }

    private void change(Outcome outcome, Feed feed, RejectionCause cause, int by) {
        int i = (outcome.ordinal() * FEEDS + (feed == null ? 0 : feed.ordinal() + 1)) * CAUSES
                + (cause == null ? 0 : cause.ordinal() + 1);
        Slot slot = slots[i];
        if (slot == null) {
            Total t = total(outcome, feed, cause);
            slot = new Slot(t, metric(t), accumulator(outcome));
            slots[i] = slot;
        }
        slot.total.count += by;
        slot.metric.inc(by);
        slot.accumulator.add((long) by);
    }

    private Total total(Outcome outcome, Feed feed, RejectionCause cause) {
        return totals.computeIfAbsent(Total.key(outcome, feed, cause), k -> Total.of(outcome, feed, cause));
    }

    private Counter metric(Total t) {
        return metrics.computeIfAbsent(Total.key(t.outcome, t.feed, t.cause), k -> {
            MetricGroup group =
                    context.getMetricGroup().addGroup("feed", t.feed.name().toLowerCase());
            if (t.cause != null) {
                group = group.addGroup("cause", t.cause.label);
            }
            return group.counter(t.outcome.counterName);
        });
    }

    private LongCounter accumulator(Outcome outcome) {
        return accumulators.computeIfAbsent(outcome, o -> context.getLongCounter(o.counterName));
    }

    /** One total as kept in operator state: a Flink POJO, so that it evolves across savepoints. */
    public static class Total implements Serializable {
        private static final long serialVersionUID = 1L;
        public Outcome outcome;
        public Feed feed;
        public RejectionCause cause;
        public long count;

        static Total of(Outcome outcome, Feed feed, RejectionCause cause) {
            Total t = new Total();
            t.outcome = outcome;
            t.feed = feed;
            t.cause = cause;
            return t;
        }

        static String key(Outcome outcome, Feed feed, RejectionCause cause) {
            return outcome + "/" + feed + "/" + cause;
        }

        Total copy() {
            Total t = of(outcome, feed, cause);
            t.count = count;
            return t;
        }
    }
}
