package org.paywatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.io.PseudonymKey;
import org.paywatch.local.FreePort;
import org.paywatch.local.LocalFlink;
import org.paywatch.local.StateFolder;
import org.paywatch.pipeline.KafkaRiskMonitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `paywatch run`: the live job on an in-process Flink, against an existing Kafka and InfluxDB. Its
 * checkpoints are retained in the state folder; started again with the same command line, it resumes
 * from the newest one, so a crash loses nothing.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the live risk monitor on an in-process Flink against the Kafka and InfluxDB of the "
                + "job file. Checkpoints are kept in the state folder, and run resumes from the newest one "
                + "when started again. On a Flink cluster, submit target/paywatch-job.jar with the same "
                + "--config instead.")
public final class RunCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "jobs/risk-monitor.yaml",
            description = "the job file (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "overrides kafka.bootstrapServers")
    String kafka;

    @Option(names = "--influx", paramLabel = "URL", description = "overrides influx.url")
    String influx;

    @Option(
            names = "--state",
            paramLabel = "DIR",
            description = "the state folder (checkpoints, savepoints); overrides job.stateDir")
    Path state;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description =
                    "resume from this savepoint (or retained checkpoint) instead of the newest in the state folder")
    Path fromSavepoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JobConfig job = JobConfigFile.load(config);
        if (kafka != null) {
            job.kafka.bootstrapServers = kafka;
        }
        if (influx != null) {
            job.influx.url = influx;
        }
        StateFolder folder = StateFolder.at(stateDir(job));
        Optional<Path> restoreFrom = fromSavepoint != null
                ? Optional.of(StateFolder.restorePoint(fromSavepoint, "--from-savepoint"))
                : folder.latestRestorePoint();
        byte[] key = PseudonymKey.load(job.entry.pseudonymKeyFile);
        Preflight.check(job);
        restoreFrom.ifPresent(folder::forgetCheckpointsBefore);

        int webUi = job.monitoring.webUiPort == 0 ? FreePort.onLoopback() : job.monitoring.webUiPort;
        int prometheus = job.monitoring.prometheusPort == 0 ? FreePort.onLoopback() : job.monitoring.prometheusPort;
        Configuration flink = LocalFlink.monitored(webUi, prometheus);
        folder.configure(flink, restoreFrom);
        StreamExecutionEnvironment env = LocalFlink.environment(flink);
        KafkaRiskMonitor.define(env, job, key, null);
        JobClient client = env.executeAsync(job.job.name);

        String restUrl = "http://127.0.0.1:" + webUi;
        out.println("paywatch run: reading " + job.kafka.bootstrapServers + ", writing alerts to "
                + job.kafka.topics.alerts + " and points to " + job.influx.url + "; Ctrl-C stops");
        out.println("paywatch run: state in " + folder.root() + ", "
                + restoreFrom.map(p -> "resumed from " + p).orElse("started afresh (no checkpoint there yet)"));
        out.println("paywatch run: web UI " + restUrl + ", metrics http://127.0.0.1:" + prometheus + "/metrics");
        out.flush();
        JobConfig.Restarts r = job.job.restarts;
        String limit = r.maxFailures + " failures within " + r.interval + ", job.restarts";
        try (JobHealth health = new JobHealth(
                        restUrl,
                        "http://127.0.0.1:" + prometheus + "/metrics",
                        client.getJobID().toHexString(),
                        err,
                        job.monitoring.statusInterval,
                        limit)
                .start()) {
            client.getJobExecutionResult().get();
        } catch (ExecutionException failed) {
            err.println("paywatch run: the job stopped: it failed as often as job.restarts allows (" + limit
                    + ") or cannot be restarted; cause: " + JobHealth.rootCause(failed)
                    + ". Fix the cause and start run "
                    + "again: it resumes from the newest checkpoint in " + folder.root());
            return 1;
        }
        out.println("paywatch run: the job has stopped (stopped with a savepoint: run again, it resumes from it)");
        return 0;
    }

    private Path stateDir(JobConfig job) {
        if (state != null) {
            return state;
        }
        if (job.job.stateDir == null || job.job.stateDir.isBlank()) {
            throw new ConfigurationProblem("no state folder: set job.stateDir in " + config + " or pass --state DIR");
        }
        return Path.of(job.job.stateDir);
    }
}
