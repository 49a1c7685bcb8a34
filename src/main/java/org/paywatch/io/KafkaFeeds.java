package org.paywatch.io;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.paywatch.config.JobConfig;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.Received;
import org.paywatch.domain.Rejection;

/** The live job's Kafka sources and sinks, as the job file configures them. */
public final class KafkaFeeds {
    private KafkaFeeds() {}

    /**
     * The six input topics as one stream with per-partition event-time watermarks and idleness,
     * plus, if configured, the wall clock, so that deadlines pass while every feed is silent.
     *
     * @param stopAt null to run for ever; an offsets initializer to stop there (bounded runs, tests)
     */
    public static DataStream<Received> received(
            StreamExecutionEnvironment env, JobConfig config, OffsetsInitializer stopAt) {
        JobConfig.Kafka k = config.kafka;
        var builder = KafkaSource.<Received>builder()
                .setBootstrapServers(k.bootstrapServers)
                .setGroupId(k.groupId)
                .setTopics(new ArrayList<>(k.topics.inputs().keySet()))
                .setDeserializer(new ReceivedDeserializer(k.topics.inputs(), FeedDecoder.configured(config)))
                .setStartingOffsets(
                        switch (k.startFrom) {
                            case "earliest" -> OffsetsInitializer.earliest();
                            case "latest" -> OffsetsInitializer.latest();
                            default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                        })
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "60000");
        if (stopAt != null) {
            builder.setBounded(stopAt);
        }
        DataStream<Received> feeds = env.fromSource(builder.build(), watermarks(config.time), "kafka: feeds")
                .uid("kafka-feeds");
        if (!config.time.followWallClock || stopAt != null) {
            return feeds;
        }
        return feeds.union(wallClock(env, config, config.time.maxOutOfOrderness));
    }

    /**
     * Each partition's watermark: its records' event time less the out-of-orderness bound; silent for
     * {@code time.idleness} once read, or not read yet after {@code time.firstRecordWait}, it stops holding event time
     * back ({@link IdleOnceRead}).
     */
    static WatermarkStrategy<Received> watermarks(JobConfig.Time time) {
        Duration outOfOrder = time.maxOutOfOrderness;
        Duration idleness = time.idleness;
        Duration firstRecordWait = time.firstRecordWait;
        return WatermarkStrategy.<Received>forGenerator(ctx -> new IdleOnceRead<>(
                        new BoundedOutOfOrdernessWatermarks<>(outOfOrder),
                        idleness,
                        firstRecordWait,
                        ctx.getInputActivityClock()))
                .withTimestampAssigner((r, ts) -> r.timestamp);
    }

    /**
     * Emits no record, only watermarks that follow the wall clock (less the out-of-orderness bound).
     * They start only after three idleness periods, so that at start-up the Kafka partitions, with any
     * backlog they hold, are read before the clock can run ahead of them.
     */
    private static DataStream<Received> wallClock(
            StreamExecutionEnvironment env, JobConfig config, Duration outOfOrder) {
        Duration every = config.time.heartbeat;
        long startDelay = 3 * config.time.idleness.toMillis();
        DataGeneratorSource<Long> ticks = new DataGeneratorSource<>(
                i -> i,
                Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(1000.0 / Math.max(1, every.toMillis())),
                Types.LONG);
        WatermarkStrategy<Long> clock = WatermarkStrategy.<Long>forGenerator(
                        ctx -> new WallClock(outOfOrder.toMillis(), startDelay))
                .withTimestampAssigner((tick, ts) -> System.currentTimeMillis());
        return env.fromSource(ticks, clock, "wall clock")
                .uid("wall-clock")
                .setParallelism(1)
                .flatMap((Long tick, Collector<Received> out) -> {})
                .returns(TypeInformation.of(Received.class))
                .uid("wall-clock-watermarks")
                .name("wall clock -> watermarks")
                .setParallelism(1);
    }

    /** Watermarks from the wall clock itself, whatever the ticks carry. */
    private static final class WallClock implements WatermarkGenerator<Long> {
        private final long outOfOrderMillis;
        private final long startAt;

        WallClock(long outOfOrderMillis, long startDelayMillis) {
            this.outOfOrderMillis = outOfOrderMillis;
            this.startAt = System.currentTimeMillis() + startDelayMillis;
        }

        @Override
        public void onEvent(Long tick, long timestamp, WatermarkOutput output) {
            // the clock is read when watermarks are due, not from the ticks
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long now = System.currentTimeMillis();
            if (now >= startAt) {
                output.emitWatermark(new Watermark(now - outOfOrderMillis));
            }
        }
    }

    /** Alerts, exactly once: read them with isolation.level=read_committed. */
    public static KafkaSink<AlertEvent> alertSink(JobConfig config) {
        return exactlyOnce(config, "-alerts", AlertRecords.alerts(config.kafka.topics.alerts));
    }

    /**
     * Dead letters, exactly once like the alerts: committed with the same checkpoints, so a restart
     * re-sends none. Read them with isolation.level=read_committed.
     */
    public static KafkaSink<Rejection> deadLetterSink(JobConfig config) {
        return exactlyOnce(config, "-deadletters", AlertRecords.deadLetters(config.kafka.topics.deadletter));
    }

    /** A transactional sink; each has a transactional-id prefix of its own (STACK.md, pitfall 1). */
    private static <T> KafkaSink<T> exactlyOnce(
            JobConfig config, String prefixSuffix, KafkaRecordSerializationSchema<T> records) {
        Properties producer = new Properties();
        producer.setProperty("transaction.timeout.ms", String.valueOf(config.kafka.transactionTimeout.toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.kafka.bootstrapServers)
                .setRecordSerializer(records)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.job.name + prefixSuffix)
                .setKafkaProducerConfig(producer)
                .build();
    }
}
