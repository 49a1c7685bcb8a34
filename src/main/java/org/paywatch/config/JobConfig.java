package org.paywatch.config;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.paywatch.policy.PolicyConfig;
import org.paywatch.policy.ResponsibilityList;
import org.paywatch.policy.RuleSettings;
import org.paywatch.policy.WageAccrual;

/**
 * A job file (jobs/*.yaml) as read: topics, sinks, time semantics and the policy. Durations and dates are typed, parsed
 * once when the file is read ({@link DurationText}), so a value that loads is a value the job can use.
 */
public class JobConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public Job job = new Job();
    public Kafka kafka = new Kafka();
    public Influx influx = new Influx();
    public Entry entry = new Entry();
    public Time time = new Time();
    public Monitoring monitoring = new Monitoring();
    public Map<String, RuleSettings> rules = new LinkedHashMap<>();
    public ResponsibilityList routing = new ResponsibilityList();
    public PolicyConfig.Calendar calendar = new PolicyConfig.Calendar();
    public WageAccrual wages = new WageAccrual();

    public PolicyConfig policy() {
        PolicyConfig p = new PolicyConfig();
        p.rules = rules;
        p.routing = routing;
        p.calendar = calendar;
        p.wages = wages;
        return p;
    }

    public static class Job implements Serializable {
        public String name = "paywatch-risk-monitor";
        public int parallelism = 1;
        public Duration checkpointInterval = Duration.ofSeconds(30);
        /** heap (Flink's hashmap backend: state on the JVM heap) or rocksdb (on local disk, for state larger than memory). */
        public String stateBackend = "heap";
        /** Where `run` keeps retained checkpoints and savepoints, and resumes from the latest. */
        public String stateDir;

        public Restarts restarts = new Restarts();
    }

    /** The failure-rate restart strategy: a job failing more often than this stops with its cause. */
    public static class Restarts implements Serializable {
        public int maxFailures = 3;
        public Duration interval = Duration.ofMinutes(10);
        public Duration delay = Duration.ofSeconds(10);
    }

    /** What the operator of `run` sees: the web UI, the Prometheus endpoint and the status line (all on 127.0.0.1). */
    public static class Monitoring implements Serializable {
        public int webUiPort = 8081;
        public int prometheusPort = 9249;
        public Duration statusInterval = Duration.ofSeconds(60);
    }

    public static class Kafka implements Serializable {
        public String bootstrapServers;
        public String groupId = "paywatch-risk-monitor";
        public String startFrom = "committed";
        public Duration transactionTimeout = Duration.ofMinutes(10);
        public Topics topics = new Topics();
    }

    public static class Topics implements Serializable {
        public String projects = "paywatch.registry.projects";
        public String workers = "paywatch.registry.workers";
        public String progress = "paywatch.registry.progress";
        public String bank = "paywatch.bank.transactions";
        public String clockins = "paywatch.attendance.clockins";
        public String tax = "paywatch.tax.changes";
        public String alerts = "paywatch.alerts";
        public String deadletter = "paywatch.deadletter";

        public Map<String, org.paywatch.domain.Feed> inputs() {
            Map<String, org.paywatch.domain.Feed> m = new LinkedHashMap<>();
            m.put(projects, org.paywatch.domain.Feed.PROJECTS);
            m.put(workers, org.paywatch.domain.Feed.WORKERS);
            m.put(progress, org.paywatch.domain.Feed.PROGRESS);
            m.put(bank, org.paywatch.domain.Feed.BANK);
            m.put(clockins, org.paywatch.domain.Feed.CLOCKINS);
            m.put(tax, org.paywatch.domain.Feed.TAX);
            return m;
        }
    }

    public static class Influx implements Serializable {
        public String url;
        public String database = "paywatch";
        public int batchSize = 500;
        public int maxRetries = 5;
    }

    public static class Entry implements Serializable {
        public String pseudonymKeyFile;
        public Duration registryGracePeriod = Duration.ofHours(24);
        public Duration transactionIdRetention = Duration.ofDays(400);
        public Duration settledHistory = Duration.ofDays(800);
        public int maxRecordBytes = 65536;
        public int deadLetterPayloadBytes = 16384;
    }

    public static class Time implements Serializable {
        public Duration maxOutOfOrderness = Duration.ofMillis(500);
        public Duration idleness = Duration.ofSeconds(1);
        public Duration firstRecordWait = Duration.ofSeconds(3);
        public Duration watermarkInterval = Duration.ofMillis(100);
        public boolean followWallClock = true;
        public Duration heartbeat = Duration.ofSeconds(5);
        public Duration maxClockSkew = Duration.ofHours(1);
        public LocalDate earliestEventDate = LocalDate.of(2016, 1, 1);
    }
}
