package org.paywatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.paywatch.config.DurationText;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.demo.CountyDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `paywatch demo`: everything on this machine, nothing to configure. An in-process Kafka, a real
 * influxd and the live job on an in-process Flink watch a simulated Gaotai County whose months pass
 * in seconds; the screen shows the alerts as the county's officers would receive them. The command takes the
 * options; {@link CountyDemo} runs the demo.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the risk monitor on a simulated county (60 projects, ~2000 workers, four months in "
                + "about 40 seconds) with an in-process Kafka, a local influxd and an in-process Flink, and "
                + "show the alerts live.")
public final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "90s",
            description = "how long the demo runs before it stops and cleans up (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(
            names = "--keep-running",
            description = "do not stop after --duration: let the simulation finish and leave the job and InfluxDB up "
                    + "(for dashboards) until Ctrl-C")
    boolean keepRunning;

    @Option(
            names = "--seed",
            defaultValue = "7",
            description = "seed of the simulated county (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "jobs/risk-monitor.yaml",
            description = "the job file whose topics and policy the demo runs (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(
            names = "--board-port",
            paramLabel = "N",
            defaultValue = "8090",
            description =
                    "port of the county board (县级驾驶舱) on 127.0.0.1; a free one if it is taken (default: ${DEFAULT-VALUE})")
    int boardPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Duration runFor = DurationText.parse("--duration", duration);
        JobConfig job = JobConfigFile.load(config);
        return new CountyDemo(job, seed, runFor, keepRunning, boardPort)
                .run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
