package org.paywatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

/** A feed partition counts as idle after time.idleness once read, and only after the start-up time before. */
class IdleOnceReadTest {

    private static final Duration IDLENESS = Duration.ofSeconds(1);
    private static final Duration START_UP = Duration.ofSeconds(3);

    private final ManualClock clock = new ManualClock();
    private final Output output = new Output();
    private final IdleOnceRead<String> partition = new IdleOnceRead<>(
            new BoundedOutOfOrdernessWatermarks<>(Duration.ofMillis(500)), IDLENESS, START_UP, clock);

    @Test
    void shouldNotCountAPartitionNotReadYetAsIdleWithinTheStartUpTime() {
        for (int ms = 0; ms < 2_900; ms += 100) {
            partition.onPeriodicEmit(output);
            clock.advanceTime(Duration.ofMillis(100));
        }

        assertThat(output.idle).isFalse();
        assertThat(output.last).isNull(); // nothing emitted: the partition holds the watermark back
    }

    @Test
    void shouldCountAPartitionNeverReadAsIdleAfterTheStartUpTimeAndItsIdleness() {
        emitEvery100MsFor(Duration.ofMillis(4_100));

        assertThat(output.idle).isTrue();
    }

    @Test
    void shouldCountAPartitionIdleOneIdlenessAfterItsLastRecordOnceRead() {
        partition.onEvent("clock-in", 10_000L, output);
        emitEvery100MsFor(Duration.ofMillis(900));
        assertThat(output.idle).isFalse();
        assertThat(output.last.getTimestamp()).isEqualTo(10_000L - 500 - 1);

        emitEvery100MsFor(Duration.ofMillis(300));
        assertThat(output.idle).isTrue();
    }

    @Test
    void shouldCountAPartitionReadDuringTheStartUpTimeByItsIdlenessFromThen() {
        emitEvery100MsFor(Duration.ofMillis(2_000));
        partition.onEvent("clock-in", 10_000L, output);

        emitEvery100MsFor(Duration.ofMillis(1_200));

        assertThat(output.idle).isTrue();
    }

    private void emitEvery100MsFor(Duration duration) {
        for (long ms = 0; ms < duration.toMillis(); ms += 100) {
            partition.onPeriodicEmit(output);
            clock.advanceTime(Duration.ofMillis(100));
        }
        partition.onPeriodicEmit(output);
    }

    private static final class Output implements WatermarkOutput {
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
    }
}
