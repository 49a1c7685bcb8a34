package org.paywatch.pipeline;

/**
 * What becomes of an input record, counted so that {@code in = applied + duplicates + deadLettered + waiting}
 * reconciles (CONTRACTS.md), and how many came late: each is a Flink metric by feed (and cause, for dead letters) and an
 * accumulator for the summary of a bounded run. See {@link RecordCounts}.
 */
public enum Outcome {
    IN("recordsIn"),
    APPLIED("recordsApplied"),
    /** A re-sent bank transaction: applied once, counted here the other times. */
    DUPLICATE("recordsDuplicate"),
    DEAD_LETTERED("recordsDeadLettered"),
    /** Held for the watermark to pass it or for its registration to arrive: goes up and down. */
    WAITING("recordsWaiting"),
    /**
     * Read after the watermark had passed its event time, so applied on arrival rather than in event-time order with
     * the deadlines around it: later than time.maxOutOfOrderness, or its partition was counted idle while it still had
     * records. Counted besides its outcome above, not in the reconciliation. A few are a vendor's delayed upload; a
     * burst says the watermark ran ahead of a feed (docs/performance.md, item 25).
     */
    LATE("recordsLate");

    public final String counterName;

    Outcome(String counterName) {
        this.counterName = counterName;
    }
}
