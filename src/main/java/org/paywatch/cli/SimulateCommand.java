package org.paywatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.paywatch.domain.Feed;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.sim.CountyPlan;
import org.paywatch.sim.CountyReplayFolder;
import org.paywatch.sim.SyntheticCounty;
import org.paywatch.config.JobConfigFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `paywatch simulate`: the demo's simulated county, written as a replay folder instead of streamed. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate Gaotai County (projects, crews, deposits, clock-ins, payrolls, progress reports) and "
                + "write it as a replay folder (projects, workers, progress, bank, clockins .jsonl) for `paywatch "
                + "replay`; prints the record counts and the --as-of to replay it with. One project in six goes "
                + "wrong, unless --compliant. The same options give the same files.")
public final class SimulateCommand implements Callable<Integer> {
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the replay folder to create")
    Path out;

    @Option(names = "--seed", defaultValue = "7", description = "seed of the simulated county (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--months", defaultValue = "4", description = "months simulated, " + CountySize.MIN_MONTHS + " to "
            + CountySize.MAX_MONTHS + " (default: ${DEFAULT-VALUE})")
    int months;

    @Option(names = "--projects", defaultValue = "60", description = "construction projects, 1 to "
            + CountyPlan.MAX_PROJECTS + " (default: ${DEFAULT-VALUE})")
    int projects;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "jobs/risk-monitor.yaml",
            description = "the job file whose policy compliant projects follow (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--compliant", description = "every project complies with every rule: replaying it gives no alerts")
    boolean compliant;

    @Option(names = "--last-day", paramLabel = "DATE",
            description = "the last simulated day, YYYY-MM-DD (default: today in Asia/Shanghai)")
    String lastDay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CountyPlan plan = CountySize.plan(seed, months, projects, lastDay());
        checkOut();
        SyntheticCounty county = new SyntheticCounty(compliant ? plan.compliant() : plan,
                JobConfigFile.load(config).policy());
        PrintWriter print = spec.commandLine().getOut();
        CountyReplayFolder.Written written;
        try (ProgressBar progress = ProgressBar.onTerminal("simulate", print)) {
            written = CountyReplayFolder.write(county, out, progress);
        }
        print.printf("simulate: %d projects (%d faulty), %d workers, %s to %s: projects=%d workers=%d progress=%d bank=%d "
                        + "clockins=%d -> %s; replay with --as-of %s%n",
                county.projectCount(), county.faults().size(), county.workerCount(), county.firstDay(), county.lastDay(),
                written.of(Feed.PROJECTS), written.of(Feed.WORKERS), written.of(Feed.PROGRESS), written.of(Feed.BANK),
                written.of(Feed.CLOCKINS), out, AS_OF.format(written.asOf()));
        print.flush();
        return 0;
    }

    private LocalDate lastDay() {
        if (lastDay == null) {
            return LocalDate.now(BusinessCalendar.ZONE);
        }
        try {
            return LocalDate.parse(lastDay);
        } catch (DateTimeParseException e) {
            throw new ConfigurationProblem("--last-day " + lastDay + " is not a date: write it as YYYY-MM-DD, e.g. 2026-06-30");
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
                    throw new ConfigurationProblem("--out " + out + " is not empty: choose a new folder or empty this one");
                }
            }
        }
    }
}
