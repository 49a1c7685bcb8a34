package org.paywatch.dispatch;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.paywatch.contract.Alert;
import org.paywatch.contract.Project;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractMapping;
import org.paywatch.io.ContractViolation;

/**
 * Live dispatch: the projects topic for the projects' contacts, read to its end first and followed
 * after; the alerts topic as a consumer group, read_committed, its offsets committed only once the
 * ledger holds the outcome of every alert read; time is the wall clock. Parked messages go to the
 * failed topic. Runs until {@link #stop()}.
 */
public final class KafkaDispatch implements Runnable {
    private final Dispatcher dispatcher;
    private final String bootstrapServers;
    private final DispatchConfig.Kafka topics;
    private final Consumer<String> problems;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile KafkaConsumer<byte[], byte[]> alerts;
    private volatile Exception failure;

    /** @param problems told, in one sentence each, of what is skipped (a record that is not an alert) */
    public KafkaDispatch(
            Dispatcher dispatcher, String bootstrapServers, DispatchConfig.Kafka topics, Consumer<String> problems) {
        this.dispatcher = dispatcher;
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.problems = problems;
    }

    @Override
    public void run() {
        AvroCodec<Alert> alertCodec = AvroCodec.of(Alert.class);
        AvroCodec<Project> projectCodec = AvroCodec.of(Project.class);
        try (KafkaConsumer<byte[], byte[]> alertConsumer = consumer(Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG,
                        topics.groupId(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        100));
                KafkaConsumer<byte[], byte[]> projects = consumer(Map.of());
                KafkaProducer<String, String> failed = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                        new StringSerializer(),
                        new StringSerializer())) {
            alerts = alertConsumer;
            dispatcher.listen(ParkedNotices.to(json -> failed.send(new ProducerRecord<>(topics.failedTopic(), json))));
            List<TopicPartition> registry =
                    projects.partitionsFor(topics.projectsTopic(), Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            projects.assign(registry);
            projects.seekToBeginning(registry);
            Map<TopicPartition, Long> end = projects.endOffsets(registry);
            // The registry first, so that the projects' contacts are known when their alerts come.
            while (!stopped.get() && registry.stream().anyMatch(p -> projects.position(p) < end.get(p))) {
                register(projects.poll(Duration.ofMillis(500)), projectCodec);
            }
            alertConsumer.subscribe(List.of(topics.alertsTopic()));
            dispatcher.resume();
            while (!stopped.get()) {
                register(projects.poll(Duration.ZERO), projectCodec);
                try {
                    for (ConsumerRecord<byte[], byte[]> r : alertConsumer.poll(Duration.ofMillis(500))) {
                        try {
                            dispatcher.alert(alertCodec.decode(r.value()), System.currentTimeMillis());
                        } catch (ContractViolation notAnAlert) {
                            problems.accept(r.topic() + "/" + r.partition() + "@" + r.offset()
                                    + " is not an alert, skipped: " + notAnAlert.getMessage());
                        }
                    }
                    alertConsumer.commitSync(); // only now: the ledger holds the outcome of everything read
                } catch (WakeupException stopping) {
                    break;
                }
                dispatcher.tick(System.currentTimeMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Asks the loop to stop after the alert it is on. */
    public void stop() {
        stopped.set(true);
        KafkaConsumer<byte[], byte[]> c = alerts;
        if (c != null) {
            c.wakeup();
        }
    }

    /** Why the loop ended, if it failed. */
    public Exception failure() {
        return failure;
    }

    private void register(Iterable<ConsumerRecord<byte[], byte[]>> records, AvroCodec<Project> codec) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                if (r.value() != null) {
                    dispatcher.register(ContractMapping.project(codec.decode(r.value())));
                }
            } catch (ContractViolation e) {
                // the risk monitor dead-letters it; here it just names no contact
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(extra);
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
