package org.paywatch.cli;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.paywatch.config.JobConfig;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.io.KafkaTopics;
import org.paywatch.io.influx.InfluxHttp;

/**
 * Before the live job starts: Kafka answers and has the job's topics, InfluxDB answers. A wrong
 * address or a missing topic is then one sentence at start, not a job that restarts for ever.
 */
final class Preflight {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private Preflight() {}

    static void check(JobConfig config) {
        JobConfig.Topics t = config.kafka.topics;
        Set<String> needed = new TreeSet<>(t.inputs().keySet());
        needed.add(t.alerts);
        needed.add(t.deadletter);
        Set<String> missing;
        try (KafkaTopics topics = new KafkaTopics(config.kafka.bootstrapServers, WAIT)) {
            missing = topics.missing(needed);
        } catch (Exception e) {
            throw new ConfigurationProblem("Kafka does not answer at " + config.kafka.bootstrapServers
                    + ": start it, or fix kafka.bootstrapServers in the job file (or --kafka)");
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationProblem("Kafka at " + config.kafka.bootstrapServers + " lacks the topics " + missing
                    + ": create them (see README, From the demo to production) or fix kafka.topics in the job file");
        }
        if (config.influx.url != null) {
            try {
                new InfluxHttp(config.influx.url, WAIT).query(config.influx.database, "SHOW DATABASES");
            } catch (Exception e) {
                throw new ConfigurationProblem("InfluxDB does not answer at " + config.influx.url
                        + ": start it, or fix influx.url in the job file (or --influx)");
            }
        }
    }
}
