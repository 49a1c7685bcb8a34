package org.paywatch.pipeline;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.io.KafkaFeeds;
import org.paywatch.io.PseudonymKey;
import org.paywatch.io.influx.InfluxSink;

/**
 * The live risk monitor: Kafka in, alerts to Kafka (exactly once) and points to InfluxDB. The main
 * class of the cluster job jar: {@code flink run paywatch-job.jar --config risk-monitor.yaml [--kafka HOST:PORT] [--influx URL]}.
 */
public final class KafkaRiskMonitor {
    private KafkaRiskMonitor() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0
                || !options.containsKey("--config")
                || !Set.of("--config", "--kafka", "--influx").containsAll(options.keySet())) {
            System.err.println("usage: --config jobs/risk-monitor.yaml [--kafka HOST:PORT] [--influx URL]");
            System.exit(2);
        }
        try {
            JobConfig config = JobConfigFile.load(Path.of(options.get("--config")));
            config.kafka.bootstrapServers = options.getOrDefault("--kafka", config.kafka.bootstrapServers);
            config.influx.url = options.getOrDefault("--influx", config.influx.url);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            define(env, config, PseudonymKey.load(config.entry.pseudonymKeyFile), null);
            env.execute(config.job.name);
        } catch (ConfigurationProblem e) {
            System.err.println("paywatch: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Adds the live job to the environment; {@code stopAt} bounds the sources (tests), null runs for ever.
     * Checkpoints are retained when the job is cancelled, so a restart resumes from the latest; where they
     * are kept is the runtime's (the state folder of `run`, the cluster's checkpoint storage).
     */
    public static void define(
            StreamExecutionEnvironment env, JobConfig config, byte[] pseudonymKey, OffsetsInitializer stopAt) {
        env.setParallelism(config.job.parallelism);
        // Chained operators hand records on without a defensive copy (docs/performance.md): in this topology each
        // chained consumer either is its record's only reader (entry, after the source) or only reads it (the alert
        // and snapshot points after the monitor; SnapshotPoints keeps a snapshot's pay months, which the monitor builds
        // anew for every snapshot and never changes), and records from the network are always fresh objects.
        env.getConfig().enableObjectReuse();
        // How often the sources' watermarks move: a record waits up to this long after maxOutOfOrderness has passed.
        env.getConfig().setAutoWatermarkInterval(config.time.watermarkInterval.toMillis());
        env.enableCheckpointing(config.job.checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.getCheckpointConfig()
                .setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        env.configure(restarts(config.job.restarts));
        env.configure(stateBackend(config.job.stateBackend));
        InfluxSink influx = config.influx.url == null
                ? null
                : new InfluxSink(config.influx.url, config.influx.database)
                        .withBatchSize(config.influx.batchSize)
                        .withMaxRetries(config.influx.maxRetries);
        RiskMonitorJob.build(
                KafkaFeeds.received(env, config, stopAt),
                new JobSinks(KafkaFeeds.alertSink(config), KafkaFeeds.deadLetterSink(config), influx),
                config,
                pseudonymKey,
                Long.MAX_VALUE);
    }

    /** job.stateBackend as Flink names it: heap is Flink's hashmap backend, rocksdb its embedded RocksDB one. */
    static Configuration stateBackend(String stateBackend) {
        Configuration c = new Configuration();
        c.set(StateBackendOptions.STATE_BACKEND, stateBackend.equals("rocksdb") ? "rocksdb" : "hashmap");
        return c;
    }

    /** A failure-rate strategy: a job failing more often than job.restarts allows stops, with its cause, instead of looping. */
    static Configuration restarts(JobConfig.Restarts r) {
        Configuration c = new Configuration();
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "failure-rate");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_MAX_FAILURES_PER_INTERVAL, r.maxFailures);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_FAILURE_RATE_INTERVAL, r.interval);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_DELAY, r.delay);
        return c;
    }
}
