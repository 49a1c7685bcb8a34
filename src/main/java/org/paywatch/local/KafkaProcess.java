package org.paywatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Kafka broker (KRaft) in a child JVM on 127.0.0.1, as an existing cluster would be for
 * `paywatch run`: another process that can be stopped, killed and restarted under the job.
 */
public final class KafkaProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String bootstrapServers;
    private final Admin admin;

    private KafkaProcess(Process process, String bootstrapServers, Admin admin) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
    }

    /** Formats {@code dataDir}, starts the broker with this JVM's class path and waits until it answers. */
    public static KafkaProcess start(Path dataDir) {
        int brokerPort = FreePort.onLoopback();
        int controllerPort = FreePort.onLoopback();
        String bootstrap = "127.0.0.1:" + brokerPort;
        Properties props = EmbeddedKafka.brokerProperties(dataDir.resolve("log"), brokerPort, controllerPort);
        EmbeddedKafka.format(dataDir, props);
        Process process;
        try {
            Path config = dataDir.resolve("server.properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "written by KafkaProcess");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    "kafka.Kafka", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("kafka.out").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a Kafka broker process in " + dataDir, e);
        }
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis()));
        try {
            admin.listTopics().names().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new KafkaProcess(process, bootstrap, admin);
        } catch (Exception e) {
            admin.close(Duration.ZERO);
            process.destroyForcibly();
            throw new IllegalStateException("the Kafka broker process did not answer on " + bootstrap
                    + " (see " + dataDir.resolve("kafka.out") + "): " + e, e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void createTopics(int partitions, String... topics) {
        EmbeddedKafka.createTopics(admin, partitions, topics);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
