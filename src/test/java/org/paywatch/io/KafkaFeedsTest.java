package org.paywatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;
import org.paywatch.config.JobConfig;
import org.paywatch.domain.Received;

/** The watermarks the live job gives each feed partition, as its job file's time section sets them. */
class KafkaFeedsTest {

    private final ManualClock clock = new ManualClock();
    private final WatermarkRecorder output = new WatermarkRecorder();
    private final JobConfig.Time time = new JobConfig.Time();

    KafkaFeedsTest() {
        time.maxOutOfOrderness = Duration.ofMillis(500);
        time.idleness = Duration.ofSeconds(1);
        time.firstRecordWait = Duration.ofSeconds(3);
    }

    @Test
    void shouldHoldEventTimeBackForAPartitionNotReadYetUntilTheFirstRecordWaitIsOverNotJustTheIdleness() {
        WatermarkGenerator<Received> partition = partition();

        output.askEvery100MsFor(partition, clock, Duration.ofMillis(2_900));
        assertThat(output.idle).isFalse(); // with Flink's plain idleness it would have been idle from 1 s on

        output.askEvery100MsFor(partition, clock, Duration.ofMillis(100));
        assertThat(output.idle).isTrue();
    }

    @Test
    void shouldStampARecordWithItsEventTimeAndKeepTheWatermarkTheOutOfOrdernessBehind() {
        WatermarkStrategy<Received> strategy = KafkaFeeds.watermarks(time);
        WatermarkGenerator<Received> partition = partition();
        Received clockIn = new Received();
        clockIn.timestamp = 1_750_000_000_000L;

        long stamped = strategy.createTimestampAssigner(null).extractTimestamp(clockIn, -1);
        partition.onEvent(clockIn, stamped, output);
        partition.onPeriodicEmit(output);

        assertThat(stamped).isEqualTo(clockIn.timestamp);
        assertThat(output.last.getTimestamp()).isEqualTo(clockIn.timestamp - 500 - 1);
        output.askEvery100MsFor(partition, clock, Duration.ofMillis(1_200));
        assertThat(output.idle).isTrue(); // once read, silent for the idleness
    }

    private WatermarkGenerator<Received> partition() {
        return KafkaFeeds.watermarks(time).createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return clock;
            }
        });
    }
}
