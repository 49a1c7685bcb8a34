package org.paywatch.cli;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.config.JobConfig;
import org.paywatch.domain.ConfigurationProblem;

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
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka.bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis()))) {
            Set<String> existing = admin.listTopics().names().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            needed.removeAll(existing);
        } catch (Exception e) {
            throw new ConfigurationProblem("Kafka does not answer at " + config.kafka.bootstrapServers
                    + ": start it, or fix kafka.bootstrapServers in the job file (or --kafka)");
        }
        if (!needed.isEmpty()) {
            throw new ConfigurationProblem("Kafka at " + config.kafka.bootstrapServers + " lacks the topics " + needed
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
