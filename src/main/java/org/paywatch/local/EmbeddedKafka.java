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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * A real, single-node Kafka (KRaft, combined broker + controller) inside this JVM, listening on
 * 127.0.0.1 only. For tests and the local demo: the data directory belongs to the caller.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Admin admin;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Admin admin) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
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
        Admin admin = null;
        try {
            server.startup();
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis()));
            admin.listTopics().names().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new EmbeddedKafka(server, bootstrap, admin);
        } catch (Exception e) {
            if (admin != null) {
                admin.close(Duration.ZERO);
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
        createTopics(admin, partitions, Map.of(), topics);
    }

    static void createTopics(Admin admin, int partitions, Map<String, String> settings, String... topics) {
        List<NewTopic> wanted = Arrays.stream(topics)
                .map(topic -> new NewTopic(topic, partitions, (short) 1).configs(settings))
                .toList();
        try {
            var created = admin.createTopics(wanted).values();
            for (String topic : topics) {
                try {
                    created.get(topic).get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(admin, List.of(topics));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + Arrays.toString(topics), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics " + Arrays.toString(topics) + ": " + e, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        stop(server);
    }

    // The controller commits a new topic before the broker has loaded its partitions: clients that
    // start right away would see UNKNOWN_TOPIC_OR_PARTITION for a moment.
    private static void awaitLeaders(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics)
                        .allTopicNames().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                boolean allLed = described.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .map(TopicPartitionInfo::leader)
                        .allMatch(leader -> leader != null && !leader.isEmpty());
                if (allLed) {
                    return;
                }
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + topics + " have no leader after " + READY_TIMEOUT);
            }
            Thread.sleep(20);
        }
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
            throw new IllegalStateException("could not format the Kafka log directory in " + dataDir + ": "
                    + e.getMessage() + " " + output.toString(StandardCharsets.UTF_8).strip(), e);
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
