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
import org.paywatch.io.KafkaTopics;

/**
 * A real Kafka broker (KRaft) in a child JVM on 127.0.0.1, as an existing cluster would be for
 * `paywatch run`: another process that can be stopped, killed and restarted under the job.
 */
public final class KafkaProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final String bootstrapServers;
    private final KafkaTopics topics;
    private Process process;

    private KafkaProcess(Path dataDir, Process process, String bootstrapServers, KafkaTopics topics) {
        this.dataDir = dataDir;
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    /** Formats {@code dataDir}, starts the broker with this JVM's class path and waits until it answers. */
    public static KafkaProcess start(Path dataDir) {
        int brokerPort = FreePort.onLoopback();
        int controllerPort = FreePort.onLoopback();
        String bootstrap = "127.0.0.1:" + brokerPort;
        Properties props = EmbeddedKafka.brokerProperties(dataDir.resolve("log"), brokerPort, controllerPort);
        // Records up to 4 MiB where a topic allows them (a hostile-record drill), as a county's broker might.
        props.put("message.max.bytes", String.valueOf(4 * 1024 * 1024 + 1024));
        EmbeddedKafka.format(dataDir, props);
        try {
            try (var out = Files.newOutputStream(dataDir.resolve("server.properties"))) {
                props.store(out, "written by KafkaProcess");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the broker's configuration in " + dataDir, e);
        }
        Process process = launch(dataDir);
        KafkaTopics topics = new KafkaTopics(bootstrap, READY_TIMEOUT);
        KafkaProcess broker = new KafkaProcess(dataDir, process, bootstrap, topics);
        try {
            broker.awaitReady();
            return broker;
        } catch (RuntimeException e) {
            topics.abandon();
            process.destroyForcibly();
            throw e;
        }
    }

    /** Stops the broker (as an operator would, SIGTERM), keeps it down for {@code downFor}, and starts it again on the same ports and log. */
    public void restart(Duration downFor) throws InterruptedException {
        stopProcess();
        Thread.sleep(downFor.toMillis());
        process = launch(dataDir);
        awaitReady();
    }

    private static Process launch(Path dataDir) {
        try {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new ProcessBuilder(List.of(
                            java,
                            "-Xmx512m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            "kafka.Kafka",
                            dataDir.resolve("server.properties").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dataDir.resolve("kafka.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a Kafka broker process in " + dataDir, e);
        }
    }

    private void awaitReady() {
        try {
            topics.names();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(
                    "the Kafka broker process did not answer on " + bootstrapServers + " (see "
                            + dataDir.resolve("kafka.out") + "): " + e,
                    e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void createTopics(int partitions, String... topics) {
        this.topics.create(partitions, Map.of(), topics);
    }

    /** Topics with settings of their own, e.g. max.message.bytes. */
    public void createTopics(int partitions, Map<String, String> settings, String... topics) {
        this.topics.create(partitions, settings, topics);
    }

    @Override
    public void close() {
        topics.close();
        stopProcess();
    }

    private void stopProcess() {
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
