package org.paywatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.drill.Drill;
import org.paywatch.drill.DrillFault;
import org.paywatch.local.FileTree;
import org.paywatch.sim.CountyPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `paywatch drill`: proves on this machine that a fault loses, repeats and invents no alert. Everything
 * runs for real on loopback: a Kafka broker and influxd as their own processes, and the live job on a
 * Flink cluster of a JobManager and two TaskManagers (their own JVMs), or as `paywatch run`.
 */
@Command(
        name = "drill",
        mixinStandardHelpOptions = true,
        description = "Run a fault drill: a simulated county through the live job twice, without and with the "
                + "fault injected mid-stream, on a real Kafka broker, influxd and multi-process Flink "
                + "cluster on loopback; compares the alerts a read_committed consumer sees. Ends with: "
                + "drill: fault=F alerts_clean=N alerts_fault=M lost=L duplicated=D spurious=S "
                + "recovered_s=T, and exit code 0 only when nothing was lost, duplicated or invented.")
public final class DrillCommand implements Callable<Integer> {
    @Option(
            names = "--fault",
            required = true,
            paramLabel = "FAULT",
            description = "process-kill, taskmanager-kill, influx-outage, broker-restart or poison-record")
    String fault;

    @Option(
            names = "--projects",
            defaultValue = "24",
            description = "projects in the simulated county (default: ${DEFAULT-VALUE})")
    int projects;

    @Option(
            names = "--months",
            defaultValue = "3",
            description = "months simulated, up to yesterday, " + CountySize.MIN_MONTHS + " to " + CountySize.MAX_MONTHS
                    + " (default: ${DEFAULT-VALUE})")
    int months;

    @Option(
            names = "--seed",
            defaultValue = "7",
            description = "seed of the simulated county (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "jobs/risk-monitor.yaml",
            description = "the job file whose policy and settings the drill runs (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(
            names = "--keep",
            description = "keep the drill's folder (logs of every process, checkpoints) and print where it is")
    boolean keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DrillFault chosen = Arrays.stream(DrillFault.values())
                .filter(f -> f.label.equals(fault))
                .findFirst()
                .orElseThrow(() -> new ConfigurationProblem(
                        "--fault " + fault + " is not a drill: use one of " + DrillFault.labels()));
        JobConfig job = JobConfigFile.load(config);
        CountyPlan plan = CountySize.plan(seed, months, projects, Drill.lastDay());
        Path dir = Files.createTempDirectory("paywatch-drill-");
        Drill.Verdict verdict;
        try (Drill drill = Drill.prepare(dir, job, plan, out)) {
            verdict = drill.run(chosen);
        } finally {
            if (keep) {
                out.println("drill: its folder is kept: " + dir);
            } else {
                FileTree.delete(dir);
            }
        }
        if (!verdict.problems().isEmpty()) {
            out.println("drill: problems: " + verdict.problems());
        }
        out.println(verdict.line());
        out.flush();
        return verdict.passed() ? 0 : 1;
    }
}
