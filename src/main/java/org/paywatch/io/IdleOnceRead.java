package org.paywatch.io;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Flink's idleness ({@link WatermarksWithIdleness}) for a feed partition, except that a partition not read yet counts
 * as idle only after {@code time.firstRecordWait} (or {@code time.idleness}, if longer). At start-up a partition's
 * first record can come later than the idleness (the consumer's first fetch holds up to a megabyte per partition and
 * the source hands them on one after the other, so with a backlog the last partition waits behind the others), and a
 * partition counted idle before it was read let the other partitions' watermark run ahead of its backlog: in {@code
 * paywatch bench} up to a third of the records came late, and in a county a restart after an outage would raise and
 * clear false alerts (docs/performance.md, items 25 and 27). The wait does not add to the
 * idleness: a partition read to its end before a restart, which sends nothing more, holds the watermark back for the
 * longer of the two, not their sum. Once it has had a record, a partition is idle after {@code time.idleness} without
 * one, as before. Both are measured on Flink's input activity clock, which stands still while the source waits for
 * the operators after it (backpressure), so a busy start-up stretches the wait rather than using it up.
 */
final class IdleOnceRead<T> implements WatermarkGenerator<T> {
    private final WatermarkGenerator<T> withIdleness;
    private final RelativeClock clock;
    private final long firstRecordWaitNanos;
    private long firstAskedNanos = -1;
    private boolean read;

    IdleOnceRead(WatermarkGenerator<T> watermarks, Duration idleness, Duration firstRecordWait, RelativeClock clock) {
        this.withIdleness = new WatermarksWithIdleness<>(watermarks, idleness, clock);
        this.clock = clock;
        this.firstRecordWaitNanos = Math.max(idleness.toNanos(), firstRecordWait.toNanos());
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        read = true;
        withIdleness.onEvent(event, eventTimestamp, output);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (read) {
            withIdleness.onPeriodicEmit(output);
            return;
        }
        long now = clock.relativeTimeNanos();
        if (firstAskedNanos < 0) {
            firstAskedNanos = now;
        }
        if (now - firstAskedNanos >= firstRecordWaitNanos) {
            output.markIdle();
        }
        // Until then no watermark: the partition holds the others back until it is read or the wait is over.
    }
}
