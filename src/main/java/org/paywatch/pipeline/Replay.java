package org.paywatch.pipeline;

import org.paywatch.config.JobConfig;

import java.nio.file.Path;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.paywatch.domain.Received;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.AlertEvent;
import org.paywatch.io.ContractJson;
import org.paywatch.io.ContractMapping;
import org.paywatch.io.FeedDecoder;
import org.paywatch.io.LineFileSink;
import org.paywatch.io.ReplayFolder;
import org.paywatch.io.influx.InfluxPoint;

/**
 * A replay: the live topology, bounded, over a replay folder, with time ending at the as-of instant.
 * It runs at parallelism 1 and moves the watermark before every record, so timers and records
 * interleave the same way every time: the same input gives byte-identical alerts.
 */
public final class Replay {
    private Replay() {}

    /** Counters of a finished replay; in = applied + duplicates + deadLettered. */
    public record Summary(long in, long applied, long deadLettered, long duplicates, long afterAsOf) {}

    public static Summary run(StreamExecutionEnvironment env, Path input, long asOf, Path out, JobConfig config,
                              byte[] pseudonymKey) throws Exception {
        return run(env, input, asOf, out, config, pseudonymKey, null);
    }

    /** As above, also writing the dashboards' InfluxDB points to {@code influx} when it is not null. */
    public static Summary run(StreamExecutionEnvironment env, Path input, long asOf, Path out, JobConfig config,
                              byte[] pseudonymKey, Sink<InfluxPoint> influx) throws Exception {
        ReplayFolder.Contents contents = ReplayFolder.read(input, asOf, FeedDecoder.configured(config));
        env.setParallelism(1);
        Path rejectedFile = Path.of(out + ".rejected");
        DataStream<Received> received = env.fromData(contents.records(), TypeInformation.of(Received.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Received>forGenerator(c -> new BeforeEveryRecord())
                        .withTimestampAssigner((r, ts) -> r.timestamp))
                .uid("replay-records").name("replay: " + input.getFileName());
        JobSinks sinks = new JobSinks(
                new LineFileSink<AlertEvent>(out, e -> ContractJson.write(ContractMapping.alert(e)),
                        (a, b) -> a.eventTime != b.eventTime ? Long.compare(a.eventTime, b.eventTime) : a.projectId.compareTo(b.projectId)),
                new LineFileSink<Rejection>(rejectedFile, r -> r.origin.topic + ":" + r.origin.offset + ": " + r.reason,
                        (a, b) -> a.origin.topic.equals(b.origin.topic) ? Long.compare(a.origin.offset, b.origin.offset)
                                : a.origin.topic.compareTo(b.origin.topic)),
                influx);
        RiskMonitorJob.build(received, sinks, config, pseudonymKey, asOf);
        JobExecutionResult result = env.execute("paywatch replay " + input.getFileName());
        return new Summary(count(result, Outcome.IN), count(result, Outcome.APPLIED), count(result, Outcome.DEAD_LETTERED),
                count(result, Outcome.DUPLICATE), contents.afterAsOf());
    }

    private static long count(JobExecutionResult result, Outcome outcome) {
        Long n = result.getAccumulatorResult(outcome.counterName);
        return n == null ? 0 : n;
    }

    /**
     * Moves the watermark to just before each record: every deadline up to it fires first. Package-visible for
     * SavepointCompatibilityTest, which replays through a source it can stop with a savepoint.
     */
    static final class BeforeEveryRecord implements WatermarkGenerator<Received> {
        private long emitted = Long.MIN_VALUE;

        @Override
        public void onEvent(Received r, long timestamp, WatermarkOutput output) {
            if (timestamp > Long.MIN_VALUE && timestamp - 1 > emitted) {
                emitted = timestamp - 1;
                output.emitWatermark(new Watermark(emitted));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // all watermarks are emitted per record
        }
    }
}
