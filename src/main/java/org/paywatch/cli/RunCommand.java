package org.paywatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.paywatch.io.JobConfigFile;
import org.paywatch.io.PseudonymKey;
import org.paywatch.local.LocalFlink;
import org.paywatch.pipeline.JobConfig;
import org.paywatch.pipeline.KafkaRiskMonitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `paywatch run`: the live job on an in-process Flink, against an existing Kafka and InfluxDB. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the live risk monitor on an in-process Flink against the Kafka and InfluxDB of the job file. "
                + "On a Flink cluster, submit target/paywatch-job.jar with the same --config instead.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = "jobs/risk-monitor.yaml",
            description = "the job file (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "overrides kafka.bootstrapServers")
    String kafka;

    @Option(names = "--influx", paramLabel = "URL", description = "overrides influx.url")
    String influx;

    @Override
    public Integer call() throws Exception {
        JobConfig job = JobConfigFile.load(config);
        if (kafka != null) {
            job.kafka.bootstrapServers = kafka;
        }
        if (influx != null) {
            job.influx.url = influx;
        }
        Preflight.check(job);
        StreamExecutionEnvironment env = LocalFlink.environment();
        KafkaRiskMonitor.define(env, job, PseudonymKey.load(job.entry.pseudonymKeyFile), null);
        System.out.println("paywatch run: reading " + job.kafka.bootstrapServers + ", writing alerts to "
                + job.kafka.topics.alerts + " and points to " + job.influx.url + "; Ctrl-C stops");
        env.execute(job.job.name);
        return 0;
    }
}
