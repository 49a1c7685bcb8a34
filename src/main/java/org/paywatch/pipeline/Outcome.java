package org.paywatch.pipeline;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * The fate of input records, counted so that in = applied + dead-lettered reconciles: as a metric
 * (for dashboards) and as an accumulator (for the end of a replay or a bounded test run).
 */
public enum Outcome {
    IN("recordsIn"),
    APPLIED("recordsApplied"),
    DEAD_LETTERED("recordsDeadLettered"),
    /** Re-sent bank transactions: counted in APPLIED too, since they are applied once. */
    DUPLICATE("duplicateTransactions");

    public final String counterName;

    Outcome(String counterName) {
        this.counterName = counterName;
    }

    public Tally tally(RuntimeContext ctx) {
        LongCounter acc = ctx.getLongCounter(counterName);
        Counter metric = ctx.getMetricGroup().counter(counterName);
        return () -> {
            acc.add(1);
            metric.inc();
        };
    }

    /** Adds one record to the count. */
    @FunctionalInterface
    public interface Tally {
        void add();
    }
}
