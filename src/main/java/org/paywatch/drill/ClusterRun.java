package org.paywatch.drill;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.paywatch.config.JobConfig;
import org.paywatch.local.FlinkCluster;
import org.paywatch.local.FlinkRest;
import org.paywatch.pipeline.KafkaRiskMonitor;

/** The live job on the multi-process cluster, submitted as `flink run` would submit it. */
final class ClusterRun implements LiveRun {
    private final FlinkCluster cluster;
    private final JobConfig config;
    private final byte[] pseudonymKey;
    private JobID job;

    ClusterRun(FlinkCluster cluster, JobConfig config, byte[] pseudonymKey) {
        this.cluster = cluster;
        this.config = config;
        this.pseudonymKey = pseudonymKey;
    }

    @Override
    public void start() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaRiskMonitor.define(env, config, pseudonymKey, null);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(config.job.name);
        job = cluster.submit(graph.getJobGraph());
        cluster.awaitRunning(job, Duration.ofMinutes(2));
    }

    @Override
    public String restUrl() {
        return cluster.restUrl();
    }

    @Override
    public Map<String, Long> counters() throws Exception {
        return new FlinkRest(restUrl()).accumulators(job.toHexString());
    }

    @Override
    public int failures() throws Exception {
        return new FlinkRest(restUrl()).failures(job.toHexString());
    }

    @Override
    public void close() {
        try {
            cluster.client().cancel(job).get();
        } catch (Exception e) {
            // the cluster is going down with the drill anyway
        }
    }
}
