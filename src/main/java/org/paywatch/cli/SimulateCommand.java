package org.paywatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.domain.Feed;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.sim.CountyPlan;
import org.paywatch.sim.CountyProducer;
import org.paywatch.sim.CountyReplayFolder;
import org.paywatch.sim.SyntheticCounty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `paywatch simulate`: the demo's simulated county, written as a replay folder instead of streamed. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Simulate Gaotai County (projects, crews, deposits, clock-ins, payrolls, progress reports) and "
                + "write it as a replay folder (projects, workers, progress, bank, clockins .jsonl) for `paywatch replay`, "
                + "or publish it into Kafka with --kafka; "
                + "prints the record counts and the --as-of to replay it with. One project in six goes wrong, "
                + "unless --compliant. The same options give the same files.")
public final class SimulateCommand implements Callable<Integer> {
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    @Option(names = "--out", paramLabel = "DIR", description = "the replay folder to create")
    Path out;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            description =
                    "publish the county into the input topics of this Kafka broker (Avro, keys as the contract says) "
                            + "instead of writing a folder; missing topics are created with the broker's defaults")
    String kafka;

    @Option(
            names = "--rate",
            paramLabel = "N",
            description = "with --kafka: records a second (default: as fast as the broker takes them)")
    Integer rate;

    @Option(
            names = "--seed",
            defaultValue = "7",
            description = "seed of the simulated county (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--months",
            defaultValue = "4",
            description = "months simulated, " + CountySize.MIN_MONTHS + " to " + CountySize.MAX_MONTHS
                    + " (default: ${DEFAULT-VALUE})")
    int months;

    @Option(
            names = "--projects",
            defaultValue = "60",
            description = "construction projects, 1 to " + CountyPlan.MAX_PROJECTS + " (default: ${DEFAULT-VALUE})")
    int projects;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "jobs/risk-monitor.yaml",
            description = "the job file whose policy compliant projects follow (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--compliant", description = "every project complies with every rule: replaying it gives no alerts")
    boolean compliant;

    @Option(
            names = "--last-day",
            paramLabel = "DATE",
            description = "the last simulated day, YYYY-MM-DD (default: today in Asia/Shanghai)")
    String lastDay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CountyPlan plan = CountySize.plan(seed, months, projects, lastDay());
        checkDestination();
        JobConfig job = JobConfigFile.load(config);
        SyntheticCounty county = new SyntheticCounty(compliant ? plan.compliant() : plan, job.policy());
        if (kafka != null) {
            return publish(county, job.kafka.topics);
        }
        checkOut();
        PrintWriter print = spec.commandLine().getOut();
        CountyReplayFolder.Written written;
        try (ProgressBar progress = ProgressBar.onTerminal("simulate", print)) {
            written = CountyReplayFolder.write(county, out, progress);
        }
        print.printf(
                "simulate: %d projects (%d faulty), %d workers, %s to %s: projects=%d workers=%d progress=%d bank=%d "
                        + "clockins=%d -> %s; replay with --as-of %s%n",
                county.projectCount(),
                county.faults().size(),
                county.workerCount(),
                county.firstDay(),
                county.lastDay(),
                written.of(Feed.PROJECTS),
                written.of(Feed.WORKERS),
                written.of(Feed.PROGRESS),
                written.of(Feed.BANK),
                written.of(Feed.CLOCKINS),
                out,
                AS_OF.format(written.asOf()));
        print.flush();
        return 0;
    }

    /** Into the input topics of the job file, at --rate or as fast as the broker takes them. */
    private int publish(SyntheticCounty county, JobConfig.Topics topics) throws InterruptedException {
        CountyProducer.prepareBroker(kafka, topics, "--kafka");
        long began = System.nanoTime();
        long sent;
        try (CountyProducer producer = new CountyProducer(kafka, topics, "paywatch-simulate")) {
            producer.publish(county, rate == null ? 0 : rate);
            sent = producer.sent();
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - began) / 1e9);
        PrintWriter print = spec.commandLine().getOut();
        print.printf(
                "simulate: %d projects (%d faulty), %d workers, %s to %s: %d records published to %s in %.1f s "
                        + "(%.0f records/s)%n",
                county.projectCount(),
                county.faults().size(),
                county.workerCount(),
                county.firstDay(),
                county.lastDay(),
                sent,
                kafka,
                seconds,
                sent / seconds);
        print.flush();
        return 0;
    }

    /** Either a folder or a broker; --rate paces a broker only. */
    private void checkDestination() {
        if ((out == null) == (kafka == null)) {
            throw new ConfigurationProblem(
                    out == null
                            ? "nowhere to put the county: pass --out DIR for a replay folder or --kafka HOST:PORT to publish it"
                            : "--out and --kafka both given: pass one, --out DIR for a replay folder or --kafka HOST:PORT to publish");
        }
        if (rate != null && kafka == null) {
            throw new ConfigurationProblem(
                    "--rate paces publishing into Kafka: pass --kafka HOST:PORT too, or leave --rate out");
        }
        if (rate != null && rate < 1) {
            throw new ConfigurationProblem("--rate " + rate
                    + " is out of range: give records a second, 1 or more, or leave --rate out for full speed");
        }
    }

    private LocalDate lastDay() {
        if (lastDay == null) {
            return LocalDate.now(BusinessCalendar.ZONE);
        }
        try {
            return LocalDate.parse(lastDay);
        } catch (DateTimeParseException e) {
            throw new ConfigurationProblem(
                    "--last-day " + lastDay + " is not a date: write it as YYYY-MM-DD, e.g. 2026-06-30");
        }
    }

    // Files of an earlier run (a tax.jsonl, say) would mix with this one's in a replay: only a new or empty folder.
    private void checkOut() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ConfigurationProblem("--out " + out + " is a file: pass a folder to write the replay files into");
        }
        if (Files.isDirectory(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new ConfigurationProblem(
                            "--out " + out + " is not empty: choose a new folder or empty this one");
                }
            }
        }
    }
}
