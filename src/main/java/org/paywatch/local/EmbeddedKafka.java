package org.paywatch.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.paywatch.io.KafkaTopics;

/**
 * A real, single-node Kafka (KRaft, combined broker + controller) inside this JVM, listening on
 * 127.0.0.1 only. For tests and the local demo: the data directory belongs to the caller.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final KafkaTopics topics;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, KafkaTopics topics) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    /**
     * Formats {@code dataDir} unless a previous start did, starts the broker and waits until it
     * answers. Topics and records survive a restart on the same directory.
     */
    public static EmbeddedKafka start(Path dataDir) {
        quietKafkaLogs();
        int brokerPort = FreePort.onLoopback();
        int controllerPort = FreePort.onLoopback();
        String bootstrap = "127.0.0.1:" + brokerPort;
        Properties props = brokerProperties(dataDir.resolve("log"), brokerPort, controllerPort);
        format(dataDir, props);

        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        KafkaTopics topics = null;
        try {
            server.startup();
            topics = new KafkaTopics(bootstrap, READY_TIMEOUT);
            topics.names();
            return new EmbeddedKafka(server, bootstrap, topics);
        } catch (Exception e) {
            if (topics != null) {
                topics.abandon();
            }
            stop(server);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(
                    "Kafka broker in " + dataDir + " did not start on " + bootstrap + ": " + e, e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics that do not exist yet and waits until every partition has a leader. */
    public void createTopics(int partitions, String... topics) {
        this.topics.create(partitions, Map.of(), topics);
    }

    @Override
    public void close() {
        topics.close();
        stop(server);
    }

    static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One broker: the internal topics cannot have more replicas than that.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        // Consumers join at once instead of waiting 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Sized for a laptop, not a data centre: the defaults allocate 128 MB and many threads.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        return p;
    }

    static void format(Path dataDir, Properties props) {
        // A second format would pick a new cluster id, which the existing log rejects.
        if (Files.exists(Path.of(props.getProperty("log.dirs")).resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            Files.createDirectories(dataDir);
            Path configFile = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "written by EmbeddedKafka; ports change on every start");
            }
            String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()};
            int exit = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("exit code " + exit + ": " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the Kafka config into " + dataDir, e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "could not format the Kafka log directory in " + dataDir + ": " + e.getMessage() + " "
                            + output.toString(StandardCharsets.UTF_8).strip(),
                    e);
        }
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    // The broker logs every partition, segment and config at INFO: noise for tests and the demo.
    static void quietKafkaLogs() {
        Configurator.setLevel(Map.of(
                "kafka", Level.WARN,
                "org.apache.kafka", Level.WARN,
                "state.change.logger", Level.WARN));
    }
}
