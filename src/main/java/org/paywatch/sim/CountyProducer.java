package org.paywatch.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.paywatch.config.JobConfig;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.ClockIn;
import org.paywatch.contract.Progress;
import org.paywatch.contract.Project;
import org.paywatch.contract.Worker;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.domain.Feed;
import org.paywatch.io.AvroCodec;

/**
 * Sends simulated feed records into the input topics as the contract has them: Avro values (AvroCodec), the
 * contract's keys, the log's timestamp the time of sending. The demo's county, `simulate --kafka` and the bench
 * all publish through it. Not thread-safe: one thread sends.
 */
public final class CountyProducer implements AutoCloseable {
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<Feed, String> topics = new EnumMap<>(Feed.class);
    private final Map<Class<?>, AvroCodec<?>> codecs = Map.of(
            Project.class, AvroCodec.of(Project.class),
            Worker.class, AvroCodec.of(Worker.class),
            Progress.class, AvroCodec.of(Progress.class),
            BankTransaction.class, AvroCodec.of(BankTransaction.class),
            ClockIn.class, AvroCodec.of(ClockIn.class));
    private long sent;
    private volatile Exception failure;

    public CountyProducer(String bootstrapServers, JobConfig.Topics topics, String clientId) {
        topics.inputs().forEach((topic, feed) -> this.topics.put(feed, topic));
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        clientId),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /**
     * Checks that the broker answers and creates the input topics it lacks (with the broker's default partitions
     * and replication); an unreachable broker is one sentence naming {@code option}, where its address came from.
     */
    public static void prepareBroker(String bootstrapServers, JobConfig.Topics topics, String option) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) BROKER_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) BROKER_TIMEOUT.toMillis()))) {
            Set<String> existing = admin.listTopics().names().get(BROKER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics.inputs().keySet()) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, java.util.Optional.empty(), java.util.Optional.empty()));
                }
            }
            for (var created : admin.createTopics(missing).values().values()) {
                try {
                    created.get(BROKER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new ConfigurationProblem(
                                "Kafka at " + bootstrapServers + " refused to create the input topics ("
                                        + e.getCause().getMessage() + "): create "
                                        + String.join(", ", topics.inputs().keySet())
                                        + " on the broker, or allow this client to");
                    }
                }
            }
        } catch (TimeoutException | ExecutionException e) {
            throw new ConfigurationProblem(
                    "Kafka at " + bootstrapServers + " did not answer within " + BROKER_TIMEOUT.toSeconds()
                            + " s: start the broker or pass its address with " + option + " HOST:PORT");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reaching Kafka at " + bootstrapServers, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public void send(CountyRecord r) {
        AvroCodec codec = codecs.get(r.record().getClass());
        byte[] value = codec.encode((SpecificRecord) r.record());
        // The log's timestamp is the time of sending: simulated times lie months back (the broker's
        // retention would delete them) or, after midnight in Shanghai, hours ahead (the broker refuses
        // those). The job reads business time from the records themselves.
        producer.send(
                new ProducerRecord<>(topics.get(r.feed()), null, null, r.key().getBytes(StandardCharsets.UTF_8), value),
                (metadata, e) -> {
                    if (e != null && failure == null) {
                        failure = e;
                    }
                });
        sent++;
    }

    /**
     * The whole county, the registry first and then day by day, at {@code perSecond} records a second (0: as fast
     * as the broker takes them); returns when the broker has every record.
     */
    public void publish(SyntheticCounty county, double perSecond) throws InterruptedException {
        RecordPace pace = new RecordPace(perSecond);
        long n = 0;
        for (CountyRecord r : county.registry()) {
            pace.awaitTurnOf(n++);
            send(r);
        }
        while (county.hasNextDay()) {
            for (CountyRecord r : county.nextDay().records()) {
                pace.awaitTurnOf(n++);
                send(r);
            }
        }
        flush();
    }

    /** Waits until every record sent is on the broker; the first that could not be written fails it. */
    public void flush() {
        producer.flush();
        if (failure != null) {
            throw new IllegalStateException("Kafka did not take a record: " + failure.getMessage(), failure);
        }
    }

    /** Records handed to the producer so far. */
    public long sent() {
        return sent;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
