package org.paywatch.io;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;

/** What a partition's watermark generator last told Flink: its watermark, and whether it counts as idle. */
final class WatermarkRecorder implements WatermarkOutput {
    Watermark last;
    boolean idle;

    @Override
    public void emitWatermark(Watermark watermark) {
        last = watermark;
        idle = false;
    }

    @Override
    public void markIdle() {
        idle = true;
    }

    @Override
    public void markActive() {
        idle = false;
    }

    /**
     * Asks the generator for its watermark every 100 ms (time.watermarkInterval) for {@code duration} of the clock,
     * the first time now and the last time at its end.
     */
    <T> void askEvery100MsFor(WatermarkGenerator<T> partition, ManualClock clock, Duration duration) {
        for (long ms = 0; ms < duration.toMillis(); ms += 100) {
            partition.onPeriodicEmit(this);
            clock.advanceTime(Duration.ofMillis(100));
        }
        partition.onPeriodicEmit(this);
    }
}
