package org.paywatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.domain.PersonalNumbers;
import org.paywatch.io.PseudonymKey;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.io.influx.InfluxSink;
import org.paywatch.local.LocalFlink;
import org.paywatch.pipeline.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `paywatch replay`: the live job, bounded, over recorded feeds, with time ending at --as-of. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Replay a folder of JSON-lines feeds (projects, workers, progress, bank, clockins, tax .jsonl) "
                + "through the same operators as the live job, with time ending at --as-of; writes every alert "
                + "transition to --out as JSON lines and rejected lines to OUT.rejected. The same input always "
                + "gives byte-identical output.")
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "the replay folder")
    Path input;

    @Option(
            names = "--as-of",
            required = true,
            paramLabel = "INSTANT",
            description = "when time ends, ISO-8601 with offset, e.g. 2025-06-20T12:00:00+08:00")
    String asOf;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "alerts as JSON lines")
    Path out;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "jobs/risk-monitor.yaml",
            description = "the job file with the policy (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(
            names = "--influx",
            paramLabel = "URL",
            description = "also write the dashboards' points (alert, project_risk, ...) into this InfluxDB 1.x, "
                    + "database influx.database of the job file, e.g. to look at a replayed county on the board or "
                    + "in Grafana")
    String influx;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long until = parseAsOf(asOf);
        JobConfig job = JobConfigFile.load(config);
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ConfigurationProblem(
                    "the folder of --out " + out + " does not exist: create it or choose another path");
        }
        byte[] key = PseudonymKey.configured(job.entry.pseudonymKeyFile)
                ? PseudonymKey.load(job.entry.pseudonymKeyFile)
                : null;
        boolean ownKey = key == null;
        if (ownKey) {
            key = PseudonymKey.random(); // pseudonyms then hold within this replay only
        }
        if (influx != null) {
            checkInfluxAnswers(influx, job.influx.database);
        }
        InfluxSink points = influx == null
                ? null
                : new InfluxSink(influx, job.influx.database)
                        .withBatchSize(job.influx.batchSize)
                        .withMaxRetries(job.influx.maxRetries);
        PrintWriter said = spec.commandLine().getOut();
        Replay.Summary s;
        try (ProgressBar progress = ProgressBar.onTerminal("replay", said)) {
            s = Replay.run(LocalFlink.environment(), input, until, out, job, key, points, progress);
        }
        List<String> keyBound = ownKey ? rulesOfAlertsNamingAPseudonym(out) : List.of();
        said.printf(
                "replay: in=%d applied=%d deadLettered=%d duplicates=%d afterAsOf=%d alerts=%d%s -> %s%n",
                s.in(),
                s.applied(),
                s.deadLettered(),
                s.duplicates(),
                s.afterAsOf(),
                lineCount(out),
                ownKey ? " randomKey=true keyDependentAlerts=" + keyBound.size() : "",
                out);
        if (influx != null) {
            said.println("replay: dashboards' points written to " + influx + " database " + job.influx.database);
        }
        if (ownKey) {
            spec.commandLine()
                    .getErr()
                    .println("paywatch replay: no " + PseudonymKey.ENV
                            + " or key file, so a random key makes the worker pseudonyms: "
                            + (keyBound.isEmpty()
                                    ? "no alert of this replay names one, but another folder's may"
                                    : keyBound.size() + " alerts (" + countedByRule(keyBound)
                                            + ") name one and differ from run to run in scope and id")
                            + "; set " + PseudonymKey.ENV + " for byte-identical replays");
        }
        return 0;
    }

    private static long lineCount(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.count();
        }
    }

    /** The rule of each alert whose scope is a worker's or account's pseudonym: its scope and id depend on the key. */
    private static List<String> rulesOfAlertsNamingAPseudonym(Path alerts) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> rules = new ArrayList<>();
        try (var lines = Files.lines(alerts)) {
            for (String line : (Iterable<String>) lines::iterator) {
                JsonNode a = json.readTree(line);
                if (PersonalNumbers.PSEUDONYM
                        .matcher(a.path("scope").asText(""))
                        .find()) {
                    rules.add(a.path("ruleId").asText());
                }
            }
        }
        return rules;
    }

    /** "PW06 ×2, PW09 ×1". */
    private static String countedByRule(List<String> rules) {
        Map<String, Long> counts = new TreeMap<>();
        rules.forEach(r -> counts.merge(r, 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((rule, n) -> parts.add(rule + " ×" + n));
        return String.join(", ", parts);
    }

    // Say it now, in one sentence, rather than after the sink's retries have failed the job.
    private static void checkInfluxAnswers(String url, String database) throws InterruptedException {
        try {
            new InfluxHttp(url, Duration.ofSeconds(10)).createDatabase(database);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationProblem("--influx " + url + " is not a URL: write it like http://127.0.0.1:8086");
        } catch (IOException e) {
            throw new ConfigurationProblem("InfluxDB at " + url + " does not answer (" + e.getMessage()
                    + "): start influxd or correct --influx");
        }
    }

    static long parseAsOf(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ConfigurationProblem("--as-of " + value
                    + " is not an instant: write it with its offset, e.g. 2025-06-20T12:00:00+08:00");
        }
    }
}
