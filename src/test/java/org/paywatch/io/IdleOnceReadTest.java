package org.paywatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

/** A feed partition counts as idle after time.idleness once read, and before that after time.firstRecordWait. */
class IdleOnceReadTest {

    private static final Duration IDLENESS = Duration.ofSeconds(1);
    private static final Duration FIRST_RECORD_WAIT = Duration.ofSeconds(3);

    private final ManualClock clock = new ManualClock();
    private final WatermarkRecorder output = new WatermarkRecorder();

    @Test
    void shouldNotCountAPartitionNotReadYetAsIdleWithinTheFirstRecordWait() {
        IdleOnceRead<String> partition = partition(IDLENESS, FIRST_RECORD_WAIT);

        output.askEvery100MsFor(partition, clock, Duration.ofMillis(2_900));

        assertThat(output.idle).isFalse();
        assertThat(output.last).isNull(); // nothing emitted: the partition holds the watermark back
    }

    @Test
    void shouldCountAPartitionNeverReadAsIdleOnceTheFirstRecordWaitIsOver() {
        IdleOnceRead<String> partition = partition(IDLENESS, FIRST_RECORD_WAIT);

        output.askEvery100MsFor(partition, clock, Duration.ofMillis(3_000));

        assertThat(output.idle).isTrue();
    }

    @Test
    void shouldWaitForTheFirstRecordOnlyAsLongAsTheIdlenessWhenThatIsLongerNotForBoth() {
        // The drills' settings: a partition read to its end before a restart sends nothing more. Waiting the sum (or
        // a multiple of the idleness) held the watermark past the drill's quiet period, and alerts went missing.
        IdleOnceRead<String> partition = partition(Duration.ofSeconds(40), Duration.ofSeconds(10));

        output.askEvery100MsFor(partition, clock, Duration.ofMillis(39_900));
        assertThat(output.idle).isFalse();

        output.askEvery100MsFor(partition, clock, Duration.ofMillis(100));
        assertThat(output.idle).isTrue();
    }

    @Test
    void shouldCountAPartitionIdleOneIdlenessAfterItsLastRecordOnceRead() {
        IdleOnceRead<String> partition = partition(IDLENESS, FIRST_RECORD_WAIT);

        partition.onEvent("clock-in", 10_000L, output);
        output.askEvery100MsFor(partition, clock, Duration.ofMillis(900));
        assertThat(output.idle).isFalse();
        assertThat(output.last.getTimestamp()).isEqualTo(10_000L - 500 - 1);

        output.askEvery100MsFor(partition, clock, Duration.ofMillis(300));
        assertThat(output.idle).isTrue();
    }

    @Test
    void shouldCountAPartitionReadDuringTheFirstRecordWaitByItsIdlenessFromThen() {
        IdleOnceRead<String> partition = partition(IDLENESS, FIRST_RECORD_WAIT);
        output.askEvery100MsFor(partition, clock, Duration.ofMillis(2_000));
        partition.onEvent("clock-in", 10_000L, output);

        output.askEvery100MsFor(partition, clock, Duration.ofMillis(1_200));

        assertThat(output.idle).isTrue();
    }

    private IdleOnceRead<String> partition(Duration idleness, Duration firstRecordWait) {
        return new IdleOnceRead<>(
                new BoundedOutOfOrdernessWatermarks<>(Duration.ofMillis(500)), idleness, firstRecordWait, clock);
    }
}
