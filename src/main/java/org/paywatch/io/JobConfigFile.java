package org.paywatch.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.paywatch.pipeline.JobConfig;
import org.paywatch.policy.ConfigurationProblem;
import org.paywatch.policy.RuleCatalog;

/** Reads and validates a job file; every problem is one sentence naming the key and what is allowed. */
public final class JobConfigFile {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private JobConfigFile() {}

    public static JobConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationProblem("config file " + file + " does not exist: pass --config jobs/risk-monitor.yaml or another job file");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        JobConfig config;
        try {
            config = yaml.readValue(file.toFile(), JobConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigurationProblem(file + ": unknown key " + path(e) + ": allowed there are "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            throw new ConfigurationProblem(file + ": " + path(e) + " has a value of the wrong type: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigurationProblem(file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        validate(config);
        return config;
    }

    /** Everything a running job would trip over later is checked now. */
    public static void validate(JobConfig c) {
        duration("job.checkpointInterval", c.job.checkpointInterval);
        duration("kafka.transactionTimeout", c.kafka.transactionTimeout);
        duration("entry.registryGracePeriod", c.entry.registryGracePeriod);
        duration("entry.transactionIdRetention", c.entry.transactionIdRetention);
        if (duration("entry.settledHistory", c.entry.settledHistory).toDays() < 400) {
            throw new ConfigurationProblem("entry.settledHistory = " + c.entry.settledHistory
                    + " is too short: the rules look back up to a calendar year (PW08), keep at least 400d");
        }
        duration("time.maxOutOfOrderness", c.time.maxOutOfOrderness);
        duration("time.idleness", c.time.idleness);
        duration("time.heartbeat", c.time.heartbeat);
        duration("time.maxClockSkew", c.time.maxClockSkew);
        earliestEventDate(c);
        duration("job.restarts.interval", c.job.restarts.interval);
        duration("job.restarts.delay", c.job.restarts.delay);
        duration("monitoring.statusInterval", c.monitoring.statusInterval);
        atLeast("job.restarts.maxFailures", c.job.restarts.maxFailures, 1);
        port("monitoring.webUiPort", c.monitoring.webUiPort);
        port("monitoring.prometheusPort", c.monitoring.prometheusPort);
        atLeast("entry.maxRecordBytes", c.entry.maxRecordBytes, 1024);
        atLeast("entry.deadLetterPayloadBytes", c.entry.deadLetterPayloadBytes, 256);
        if (c.entry.deadLetterPayloadBytes > 512 * 1024) {
            throw new ConfigurationProblem("entry.deadLetterPayloadBytes = " + c.entry.deadLetterPayloadBytes
                    + " is too large: a dead letter must stay well under Kafka's 1 MiB request limit, use at most 524288");
        }
        if (c.job.parallelism < 1) {
            throw new ConfigurationProblem("job.parallelism = " + c.job.parallelism + " is out of range: use 1 or more");
        }
        if (!java.util.Set.of("committed", "earliest", "latest").contains(c.kafka.startFrom)) {
            throw new ConfigurationProblem("kafka.startFrom = " + c.kafka.startFrom + " is not allowed: use committed, earliest or latest");
        }
        RuleCatalog.from(c.policy());
    }

    /** The first calendar day (Asia/Shanghai) an event time may fall on. */
    public static LocalDate earliestEventDate(JobConfig c) {
        try {
            return LocalDate.parse(String.valueOf(c.time.earliestEventDate));
        } catch (DateTimeParseException e) {
            throw new ConfigurationProblem("time.earliestEventDate = " + c.time.earliestEventDate
                    + " is not a date: write it as YYYY-MM-DD, e.g. 2016-01-01");
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
            throw new ConfigurationProblem(key + " = " + value + " is not a port: use 1 to 65535, or 0 for any free port");
        }
    }

    /** "30s", "10m", "24h", "400d" or "250ms". */
    public static Duration duration(String key, String value) {
        Matcher m = value == null ? null : DURATION.matcher(value.trim());
        if (m == null || !m.matches()) {
            throw new ConfigurationProblem(key + " = " + value + " is not a duration: write a number and a unit, e.g. 30s, 10m, 24h or 400d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
