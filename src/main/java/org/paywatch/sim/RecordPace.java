package org.paywatch.sim;

/**
 * Sends at a fixed rate: record n is due n / perSecond seconds after the start. Waiting for the due time
 * of each record, rather than sleeping a fixed time after each, keeps the average rate when the sender
 * stalls now and then (a full producer buffer, a garbage collection).
 */
public final class RecordPace {
    private final double perSecond;
    private final long startNanos;

    /** @param perSecond records a second; 0 or less: no pace, as fast as they can be sent */
    public RecordPace(double perSecond) {
        this.perSecond = perSecond;
        this.startNanos = System.nanoTime();
    }

    /** Waits until record {@code n} (counted from 0) is due. */
    public void awaitTurnOf(long n) throws InterruptedException {
        if (perSecond <= 0) {
            return;
        }
        long due = startNanos + (long) (n * 1e9 / perSecond);
        long ahead = due - System.nanoTime();
        if (ahead > 1_000_000) {
            Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
        }
    }
}
