package org.paywatch.pipeline;

/**
 * What becomes of an input record, counted so that {@code in = applied + duplicates + deadLettered + waiting}
 * reconciles (CONTRACTS.md): each is a Flink metric by feed (and cause, for dead letters) and an
 * accumulator for the summary of a bounded run. See {@link RecordCounts}.
 */
public enum Outcome {
    IN("recordsIn"),
    APPLIED("recordsApplied"),
    /** A re-sent bank transaction: applied once, counted here the other times. */
    DUPLICATE("recordsDuplicate"),
    DEAD_LETTERED("recordsDeadLettered"),
    /** Held for the watermark to pass it or for its registration to arrive: goes up and down. */
    WAITING("recordsWaiting");

    public final String counterName;

    Outcome(String counterName) {
        this.counterName = counterName;
    }
}
