package org.paywatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.local.EmbeddedKafka;

/** The topic administration that preflight, the demo, the drills and the local brokers share, against a real broker. */
class KafkaTopicsTest {
    @TempDir
    static Path dataDir;

    static EmbeddedKafka kafka;
    static KafkaTopics topics;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(dataDir);
        topics = new KafkaTopics(kafka.bootstrapServers(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopKafka() {
        topics.close();
        kafka.close();
    }

    @Test
    void shouldNameOnlyTheTopicsTheClusterLacks() throws Exception {
        topics.create(1, Map.of(), "registry.projects", "registry.workers");

        assertThat(topics.missing(List.of("registry.workers", "bank.transactions", "registry.projects", "alerts")))
                .containsExactly("alerts", "bank.transactions");
    }

    @Test
    void shouldCreateTopicsWithTheirSettingsAndLeaveATopicThatExistsAsItIs() throws Exception {
        topics.create(2, Map.of("max.message.bytes", String.valueOf(4 * 1024 * 1024)), "bank.large");
        topics.create(3, Map.of(), "bank.large", "tax.changes");

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            var described = admin.describeTopics(List.of("bank.large", "tax.changes"))
                    .allTopicNames()
                    .get();
            assertThat(described.get("bank.large").partitions()).hasSize(2);
            assertThat(described.get("tax.changes").partitions()).hasSize(3);
            ConfigResource bank = new ConfigResource(ConfigResource.Type.TOPIC, "bank.large");
            Config settings = admin.describeConfigs(List.of(bank)).all().get().get(bank);
            assertThat(settings.get("max.message.bytes").value()).isEqualTo(String.valueOf(4 * 1024 * 1024));
        }
    }

    @Test
    void shouldReadTheGroupsCommittedOffsetsOfTheNamedTopicsOnly() throws Exception {
        topics.create(2, Map.of(), "clockins", "progress");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("clockins", i % 2, null, "clock-in " + i));
            }
            producer.send(new ProducerRecord<>("progress", 0, null, "progress report"));
        }
        assertThat(readFromTheStartAndCommit("monitor", "clockins", 5)).hasSize(5);
        assertThat(readFromTheStartAndCommit("monitor", "progress", 1)).containsExactly("progress report");

        Map<TopicPartition, Long> offsets = topics.committedOffsets("monitor", Set.of("clockins"));

        assertThat(offsets).containsOnlyKeys(new TopicPartition("clockins", 0), new TopicPartition("clockins", 1));
        assertThat(offsets.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(5);
    }

    /** Reads the topic from its first record until {@code expected} records came, and commits them for the group. */
    private static List<String> readFromTheStartAndCommit(String group, String topic, int expected) {
        List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        group,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer())) {
            KafkaTopics.readFromTheStart(consumer, topic);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
            }
            consumer.commitSync();
        }
        return read;
    }
}
