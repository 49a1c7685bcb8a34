package org.paywatch.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleCatalog;

/** Reads and validates a job file; every problem is one sentence naming the key and what is allowed. */
public final class JobConfigFile {
    /** Strict about duplicate keys: a county officer who sets a threshold twice would otherwise silently get the last one. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .registerModule(ConfigValueTypes.module());

    private static final Path RISK_MONITOR = Path.of("jobs/risk-monitor.yaml");

    private JobConfigFile() {}

    public static JobConfig load(Path file) {
        JobConfig config = read(file, JobConfig.class, RISK_MONITOR);
        validate(config);
        return config;
    }

    /**
     * The job file as {@code shape}, strict about unknown and duplicate keys; a missing or unreadable file, bad YAML or a
     * value of the wrong shape is one sentence with the line and column. {@code example} is the shipped job file of this
     * kind (e.g. jobs/risk-monitor.yaml), named in the fixes.
     */
    public static <T> T read(Path file, Class<T> shape, Path example) {
        String text = text(file, example);
        try {
            return YAML.readValue(text, shape);
        } catch (JsonProcessingException e) {
            throw JobFileMistake.of(file, text, e, example.toString());
        }
    }

    /** The file's text, with its lines numbered as the file's; a folder, an unreadable or non-UTF-8 file is one sentence. */
    private static String text(Path file, Path example) {
        if (Files.isDirectory(file)) {
            throw new ConfigurationProblem(
                    "--config " + file + " is a folder, not a job file: " + jobFileIn(file, example));
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationProblem(
                    "config file " + file + " does not exist: pass --config " + example + " or another job file");
        }
        StringBuilder text = new StringBuilder();
        try (TextFileLines in = TextFileLines.open(file)) {
            for (TextFileLines.Line line = in.next(); line != null; line = in.next()) {
                if (!line.isText()) {
                    throw new ConfigurationProblem(file + " line " + line.number() + " " + line.problem());
                }
                text.append(line.text()).append('\n');
            }
        } catch (IOException e) {
            throw new ConfigurationProblem(
                    "cannot read " + file + ": check that the user running paywatch may read it");
        }
        if (text.toString().lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
            throw new ConfigurationProblem(file + " holds no settings: start from a copy of " + example);
        }
        return text.toString();
    }

    private static String jobFileIn(Path dir, Path example) {
        String preferred = example.getFileName().toString();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> yaml = files.filter(
                            f -> f.getFileName().toString().matches(".*\\.ya?ml") && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(
                                    (Path f) -> !f.getFileName().toString().equals(preferred))
                            .thenComparing(f -> f))
                    .toList();
            if (!yaml.isEmpty()) {
                return "name the job file in it, e.g. --config " + yaml.get(0);
            }
        } catch (IOException e) {
            // an unreadable folder holds no job file we could name
        }
        return "pass the job file itself, e.g. --config " + example;
    }

    /** Writes a job file that {@link #load} reads back as {@code config} (a drill's variants of the county's file). */
    public static void write(JobConfig config, Path file) throws IOException {
        new ObjectMapper(new YAMLFactory())
                .registerModule(ConfigValueTypes.module())
                .writeValue(file.toFile(), config);
    }

    /** Everything a running job would trip over later is checked now. */
    public static void validate(JobConfig c) {
        present("job.checkpointInterval", c.job.checkpointInterval);
        present("kafka.transactionTimeout", c.kafka.transactionTimeout);
        present("entry.registryGracePeriod", c.entry.registryGracePeriod);
        present("entry.transactionIdRetention", c.entry.transactionIdRetention);
        present("entry.settledHistory", c.entry.settledHistory);
        present("time.maxOutOfOrderness", c.time.maxOutOfOrderness);
        present("time.idleness", c.time.idleness);
        present("time.firstRecordWait", c.time.firstRecordWait);
        present("time.watermarkInterval", c.time.watermarkInterval);
        if (c.time.watermarkInterval.toMillis() < 1) {
            throw new ConfigurationProblem("time.watermarkInterval = " + DurationText.format(c.time.watermarkInterval)
                    + " would stop event time (no watermark, no deadline, no record applied): use e.g. 100ms");
        }
        present("time.heartbeat", c.time.heartbeat);
        present("time.maxClockSkew", c.time.maxClockSkew);
        present("job.restarts.interval", c.job.restarts.interval);
        present("job.restarts.delay", c.job.restarts.delay);
        present("monitoring.statusInterval", c.monitoring.statusInterval);
        if (c.time.earliestEventDate == null) {
            throw new ConfigurationProblem("time.earliestEventDate is empty: write it as YYYY-MM-DD, e.g. 2016-01-01");
        }
        atLeast("job.restarts.maxFailures", c.job.restarts.maxFailures, 1);
        port("monitoring.webUiPort", c.monitoring.webUiPort);
        port("monitoring.prometheusPort", c.monitoring.prometheusPort);
        atLeast("entry.maxRecordBytes", c.entry.maxRecordBytes, 1024);
        atLeast("entry.deadLetterPayloadBytes", c.entry.deadLetterPayloadBytes, 256);
        if (c.entry.deadLetterPayloadBytes > 512 * 1024) {
            throw new ConfigurationProblem(
                    "entry.deadLetterPayloadBytes = " + c.entry.deadLetterPayloadBytes
                            + " is too large: a dead letter must stay well under Kafka's 1 MiB request limit, use at most 524288");
        }
        if (c.job.parallelism < 1) {
            throw new ConfigurationProblem(
                    "job.parallelism = " + c.job.parallelism + " is out of range: use 1 or more");
        }
        if (!java.util.Set.of("heap", "rocksdb").contains(c.job.stateBackend)) {
            throw new ConfigurationProblem(
                    "job.stateBackend = " + c.job.stateBackend + " is not allowed: use heap or rocksdb");
        }
        if (!java.util.Set.of("committed", "earliest", "latest").contains(c.kafka.startFrom)) {
            throw new ConfigurationProblem(
                    "kafka.startFrom = " + c.kafka.startFrom + " is not allowed: use committed, earliest or latest");
        }
        Rule longest = RuleCatalog.from(c.policy()).longestHistory();
        if (c.entry.settledHistory.toDays() < longest.historyDays()) {
            throw new ConfigurationProblem("entry.settledHistory = " + DurationText.format(c.entry.settledHistory)
                    + " is too short: " + longest.info().id() + " looks back " + longest.historyDays()
                    + " days, keep at least " + longest.historyDays() + "d");
        }
    }

    /** A duration left empty in the file (Jackson writes null over the default). */
    private static void present(String key, Duration value) {
        if (value == null) {
            throw new ConfigurationProblem(key + " is empty: " + DurationText.FIX);
        }
    }

    private static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw new ConfigurationProblem(key + " = " + value + " is out of range: use " + min + " or more");
        }
    }

    /** 0 lets the system choose a free port. */
    private static void port(String key, int value) {
        if (value < 0 || value > 65535) {
            throw new ConfigurationProblem(
                    key + " = " + value + " is not a port: use 1 to 65535, or 0 for any free port");
        }
    }
}
