package org.paywatch.cli;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.local.StateFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `paywatch savepoint`: a savepoint of the running `paywatch run`, in its state folder, for an upgrade:
 * stop with a savepoint, install the new version, and start run again (it resumes from the newest
 * checkpoint or savepoint there, or from --from-savepoint).
 */
@Command(
        name = "savepoint",
        mixinStandardHelpOptions = true,
        description = "Take a savepoint of the job that `paywatch run` is running on this machine (found through its "
                + "web UI port, monitoring.webUiPort) into the state folder, and print where it is. With --stop the "
                + "job then stops: the way to upgrade paywatch without losing or repeating an alert.")
public final class SavepointCommand implements Callable<Integer> {
    private static final long TIMEOUT_MINUTES = 10;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "jobs/risk-monitor.yaml",
            description = "the job file `run` was started with (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(
            names = "--state",
            paramLabel = "DIR",
            description = "the state folder `run` was started with; overrides job.stateDir")
    Path state;

    @Option(names = "--stop", description = "stop the job once the savepoint is taken (for an upgrade)")
    boolean stop;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JobConfig job = JobConfigFile.load(config);
        Path dir = state != null ? state : job.job.stateDir == null ? null : Path.of(job.job.stateDir);
        if (dir == null) {
            throw new ConfigurationProblem("no state folder: set job.stateDir in " + config + " or pass --state DIR");
        }
        StateFolder folder = StateFolder.at(dir);
        String target = folder.savepoints().toUri().toString();
        Configuration flink = new Configuration();
        flink.set(RestOptions.ADDRESS, "127.0.0.1");
        flink.set(RestOptions.PORT, job.monitoring.webUiPort);
        try (RestClusterClient<StandaloneClusterId> client =
                new RestClusterClient<>(flink, StandaloneClusterId.getInstance())) {
            List<JobStatusMessage> running;
            try {
                running = client.listJobs().get(30, TimeUnit.SECONDS).stream()
                        .filter(j -> j.getJobName().equals(job.job.name)
                                && !j.getJobState().isGloballyTerminalState())
                        .toList();
            } catch (Exception e) {
                throw new ConfigurationProblem("no paywatch run answers on 127.0.0.1:" + job.monitoring.webUiPort
                        + ": start it, or pass the --config it runs with (monitoring.webUiPort)");
            }
            if (running.isEmpty()) {
                throw new ConfigurationProblem("the paywatch run on 127.0.0.1:" + job.monitoring.webUiPort
                        + " runs no job named " + job.job.name + ": check job.name in " + config);
            }
            var id = running.get(0).getJobId();
            FileTime triggered = FileTime.fromMillis(System.currentTimeMillis() - 1000);
            Path savepoint;
            try {
                String uri = stop
                        ? client.stopWithSavepoint(id, false, target, SavepointFormatType.CANONICAL)
                                .get(TIMEOUT_MINUTES, TimeUnit.MINUTES)
                        : client.triggerSavepoint(id, target, SavepointFormatType.CANONICAL)
                                .get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
                savepoint = uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
            } catch (ExecutionException | TimeoutException failed) {
                // Stopped with its savepoint, `run` exits and takes its REST API along, sometimes before the
                // answer is read: the savepoint is then in the folder.
                Optional<Path> written = stop ? folder.savepointWrittenSince(triggered) : Optional.empty();
                if (written.isEmpty()) {
                    spec.commandLine()
                            .getErr()
                            .println("paywatch savepoint: the savepoint failed, and the job goes on as it was: "
                                    + JobHealth.rootCause(failed) + ". Try again in a minute.");
                    return 1;
                }
                savepoint = written.get();
            }
            spec.commandLine()
                    .getOut()
                    .println("savepoint: " + savepoint
                            + (stop ? " (the job has stopped; run again resumes from it)" : ""));
            return 0;
        }
    }
}
