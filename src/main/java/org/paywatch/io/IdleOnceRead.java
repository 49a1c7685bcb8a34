package org.paywatch.io;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Flink's idleness ({@link WatermarksWithIdleness}) for a feed partition, except that a partition not read yet counts
 * as idle only after {@code startUp} more: at start-up a partition's first fetch can take longer than
 * {@code time.idleness} (the broker's group coordinator still loading, one source subtask starting later than the
 * other), and a partition counted idle before it was read let the other partitions' watermark run ahead of its
 * backlog: in {@code paywatch bench} up to a third of the records then came late (docs/performance.md). Once it has
 * had a record, a partition is idle after {@code idleness} without one, as before. A partition that holds no record
 * at all holds the watermark back for {@code startUp} only.
 */
final class IdleOnceRead<T> implements WatermarkGenerator<T> {
    private final WatermarkGenerator<T> withIdleness;
    private final RelativeClock clock;
    private final long startUpNanos;
    private long firstAskedNanos = -1;
    private boolean read;

    IdleOnceRead(WatermarkGenerator<T> watermarks, Duration idleness, Duration startUp, RelativeClock clock) {
        this.withIdleness = new WatermarksWithIdleness<>(watermarks, idleness, clock);
        this.clock = clock;
        this.startUpNanos = startUp.toNanos();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        read = true;
        withIdleness.onEvent(event, eventTimestamp, output);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (!read) {
            long now = clock.relativeTimeNanos();
            if (firstAskedNanos < 0) {
                firstAskedNanos = now;
            }
            if (now - firstAskedNanos < startUpNanos) {
                return; // no watermark yet: the partition holds the others back until it is read or the time is up
            }
        }
        withIdleness.onPeriodicEmit(output);
    }
}
